package org.shopsuite.inventory.product;

import org.shopsuite.api.catalog.ProductView;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
class ProductController {

    static final String ROW_VERSION = "X-Row-Version";

    private final ProductRepository products;

    ProductController(ProductRepository products) {
        this.products = products;
    }

    /** The row's version goes along in {@code X-Row-Version}, so a cache can order what it read against the binlog. */
    @GetMapping("/api/products/{productId}")
    ResponseEntity<ProductView> product(@PathVariable long productId) {
        Product product = products.find(productId).orElseThrow(() -> new ProductNotFound(productId));
        return ResponseEntity.ok().header(ROW_VERSION, String.valueOf(product.version())).body(product.view());
    }
}
