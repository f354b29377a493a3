package org.shopsuite.inventory.stock;

import org.shopsuite.api.participant.StockTaken;
import org.shopsuite.inventory.product.Product;
import org.shopsuite.inventory.product.ProductNotFound;
import org.shopsuite.inventory.product.ProductRepository;
import org.springframework.jdbc.core.JdbcTemplate;

/** The check both modes share: lock the product row, and refuse unknown products and too little stock. */
final class StockTaking {

    private StockTaking() {
    }

    static Product lockAvailable(JdbcTemplate jdbc, long productId, int quantity) {
        StockQuantity.valid(quantity);
        Product product = ProductRepository.lock(jdbc, productId).orElseThrow(() -> new ProductNotFound(productId));
        if (product.stock() < quantity) {
            throw new OutOfStock(productId, product.stock(), quantity);
        }
        return product;
    }

    static StockTaken taken(Product product, int quantity) {
        return new StockTaken(product.productId(), quantity, product.price());
    }
}
