package org.shopsuite.order.order;

import java.math.BigDecimal;
import org.shopsuite.api.order.OrderMode;
import org.shopsuite.api.order.OrderStatus;
import org.shopsuite.api.order.OrderView;

/** A row of order_db.orders. */
public record Order(long orderId, long userId, long productId, int quantity, BigDecimal amount, OrderStatus status,
                    OrderMode mode, String xid, String failureReason, String idempotencyKey,
                    String requestFingerprint) {

    public OrderView view() {
        return new OrderView(orderId, userId, productId, quantity, amount, status, mode, xid, failureReason);
    }
}
