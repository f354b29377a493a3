package org.shopsuite.inventory.product;

import org.shopsuite.api.catalog.ProductView;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
class ProductController {

    private final ProductRepository products;

    ProductController(ProductRepository products) {
        this.products = products;
    }

    @GetMapping("/api/products/{productId}")
    ProductView product(@PathVariable long productId) {
        return products.find(productId).map(Product::view).orElseThrow(() -> new ProductNotFound(productId));
    }
}
