package org.shopsuite.api.participant;

/** Internal: take (XA) or reserve (TCC try) this many units of a product. */
public record StockRequest(int quantity) {
}
