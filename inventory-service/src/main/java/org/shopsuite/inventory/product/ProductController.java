package org.shopsuite.inventory.product;

import org.shopsuite.api.catalog.OwnerReads;
import org.shopsuite.api.catalog.ProductView;
import org.shopsuite.support.snapshot.SnapshotReads.Snapshot;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
class ProductController {

    private final ProductRepository products;

    ProductController(ProductRepository products) {
        this.products = products;
    }

    /**
     * Read in a consistent snapshot whose binlog position goes along in {@code X-Binlog-Position}, so a cache can order
     * what it read against the binlog's changes.
     */
    @GetMapping("/api/products/{productId}")
    ResponseEntity<ProductView> product(@PathVariable long productId) {
        Snapshot<Product> read = products.findInSnapshot(productId);
        Product product = read.row().orElseThrow(() -> new ProductNotFound(productId));
        ResponseEntity.BodyBuilder answer = ResponseEntity.ok();
        read.binlogPosition().ifPresent(position -> answer.header(OwnerReads.BINLOG_POSITION_HEADER, position));
        return answer.body(product.view());
    }
}
