package org.shopsuite.api.order;

import java.math.BigDecimal;

/** An order as the API shows it; {@code failureReason} is null unless it failed. */
public record OrderView(
        long orderId,
        long userId,
        long productId,
        int quantity,
        BigDecimal amount,
        OrderStatus status,
        OrderMode mode,
        String xid,
        String failureReason) {
}
