package org.shopsuite.gateway.bench;

import java.math.BigDecimal;
import org.shopsuite.api.catalog.ProductView;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The ceiling for cached reads (BENCHMARKS.md): a product-shaped body served without any cache or lookup, through
 * the same web stack, so a cache level can be reported as a ratio to what the gateway itself can serve.
 *
 * <p>Benchmark-only, so off unless {@code shop.bench.enabled=true} (environment {@code SHOP_BENCH_ENABLED=true}, which
 * {@code SHOP_BENCH_ENABLED=true ./stack up} hands to the gateways). Without it {@code /bench/constant} is a 404 like
 * any path the gateway does not route.
 */
@RestController
@ConditionalOnProperty(name = "shop.bench.enabled", havingValue = "true")
class ConstantController {

    private static final ProductView CONSTANT = new ProductView(0, "constant", new BigDecimal("10.00"), 100);

    @GetMapping("/bench/constant")
    ProductView constant() {
        return CONSTANT;
    }
}
