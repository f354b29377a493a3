package org.shopsuite.api.catalog;

import java.math.BigDecimal;

/** {@code GET /api/products/{productId}}: {@code stock} is what can be sold now. */
public record ProductView(long productId, String name, BigDecimal price, int stock) {
}
