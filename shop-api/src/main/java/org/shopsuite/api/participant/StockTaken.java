package org.shopsuite.api.participant;

import java.math.BigDecimal;

/** Internal: the units taken or reserved, at the product's price at that moment. */
public record StockTaken(long productId, int quantity, BigDecimal unitPrice) {
}
