package org.shopsuite.cache;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.math.BigDecimal;

/**
 * An account as the API shows it (by user id), plus its row version.
 * JSON: {@code {"userId":1,"balance":"1000.00","version":2}}.
 */
public record AccountView(
        long userId,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal balance, // a DECIMAL, never a float
        long version) implements CachedValue {
}
