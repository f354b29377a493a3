package org.shopsuite.api.order;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;

/** An order as the API shows it; {@code failureReason} only when it failed. */
@JsonInclude(JsonInclude.Include.NON_NULL)
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
