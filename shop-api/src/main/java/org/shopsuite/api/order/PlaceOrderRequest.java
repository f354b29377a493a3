package org.shopsuite.api.order;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

/**
 * {@code POST /api/orders}. Boxed fields so a missing one is reported by name instead of read as 0. {@code userId} may
 * be left out: the order is the token's user's; when given, it must be that user (else 403).
 */
public record PlaceOrderRequest(
        @Positive Long userId,
        @NotNull @Positive Long productId,
        @NotNull @Min(1) @Max(1000) Integer quantity,
        OrderMode mode) {
}
