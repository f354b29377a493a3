package org.shopsuite.gateway.bench;

import java.math.BigDecimal;
import org.shopsuite.api.catalog.ProductView;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The ceiling for cached reads (BENCHMARKS.md): a product-shaped body served without any cache or lookup, through
 * the same web stack, so a cache level can be reported as a ratio to what the gateway itself can serve.
 */
@RestController
class ConstantController {

    private static final ProductView CONSTANT = new ProductView(0, "constant", new BigDecimal("10.00"), 100);

    @GetMapping("/bench/constant")
    ProductView constant() {
        return CONSTANT;
    }
}
