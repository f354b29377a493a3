package org.shopsuite.order.placement;

import java.math.BigDecimal;
import org.apache.seata.rm.tcc.api.BusinessActionContext;
import org.shopsuite.api.order.OrderStatus;
import org.shopsuite.order.order.OrderRepository;
import org.shopsuite.order.order.OrderRepository.NewOrder;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/** The TCC phases of the order row, on the plain DataSource; phase two finds the row by the global transaction's XID. */
@Service
public class PendingOrderAction implements PendingOrder {

    private final JdbcTemplate jdbc;

    PendingOrderAction(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public long record(OrderRequest request,
                       BigDecimal amount) {
        return OrderRepository.insert(jdbc, new NewOrder(request.userId(), request.productId(), request.quantity(),
                amount, OrderStatus.PENDING, request.mode(), org.apache.seata.core.context.RootContext.getXID(), null,
                request.idempotencyKey(), request.fingerprint()));
    }

    @Override
    public boolean confirm(BusinessActionContext context) {
        jdbc.update("UPDATE orders SET status = 'SUCCESS' WHERE xid = ? AND status = 'PENDING'", context.getXid());
        return true;
    }

    @Override
    public boolean cancel(BusinessActionContext context) {
        jdbc.update("UPDATE orders SET status = 'FAILED', failure_reason = COALESCE(failure_reason, 'rolled back')"
                + " WHERE xid = ? AND status = 'PENDING'", context.getXid());
        return true;
    }
}
