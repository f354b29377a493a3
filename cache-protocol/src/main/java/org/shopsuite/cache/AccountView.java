package org.shopsuite.cache;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.math.BigDecimal;

/**
 * An account as the API shows it (by user id), plus its version ({@link BinlogVersion}).
 * JSON: {@code {"userId":1,"balance":"1000.00","version":V}}.
 */
public record AccountView(
        long userId,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal balance, // a DECIMAL, never a float
        long version) implements CachedValue {

    @Override
    public AccountView withVersion(long version) {
        return new AccountView(userId, balance, version);
    }
}
