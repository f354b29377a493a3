package org.shopsuite.inventory.product;

import java.math.BigDecimal;
import org.shopsuite.api.catalog.ProductView;

/** A row of inventory_db.inventory. */
public record Product(long productId, String name, BigDecimal price, int stock, int frozenStock) {

    public ProductView view() {
        return new ProductView(productId, name, price, stock);
    }
}
