package org.shopsuite.cache;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.math.BigDecimal;

/**
 * A product as the API shows it, plus its version ({@link BinlogVersion}).
 * JSON: {@code {"productId":1,"name":"Product A","price":"10.00","stock":100,"version":V}}.
 */
public record ProductView(
        long productId,
        String name,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal price, // a DECIMAL, never a float
        int stock,
        long version) implements CachedValue {

    @Override
    public ProductView withVersion(long version) {
        return new ProductView(productId, name, price, stock, version);
    }
}
