package org.shopsuite.api.order;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

/** {@code POST /api/orders}. Boxed fields so a missing one is reported by name instead of read as 0. */
public record PlaceOrderRequest(
        @NotNull @Positive Long userId,
        @NotNull @Positive Long productId,
        @NotNull @Min(1) @Max(1000) Integer quantity,
        OrderMode mode) {
}
