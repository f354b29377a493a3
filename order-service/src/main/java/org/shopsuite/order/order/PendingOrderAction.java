package org.shopsuite.order.order;

import java.math.BigDecimal;
import org.apache.seata.core.context.RootContext;
import org.apache.seata.rm.tcc.api.BusinessActionContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/** The TCC phases of the order row, on the plain DataSource; each finds the row by the global transaction's XID. */
@Service
public class PendingOrderAction implements PendingOrder {

    private final JdbcTemplate jdbc;

    PendingOrderAction(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean record(BigDecimal amount) {
        int updated = jdbc.update("UPDATE orders SET amount = ? WHERE xid = ? AND status = 'PENDING'", amount,
                RootContext.getXID());
        if (updated != 1) {
            throw new IllegalStateException("no PENDING order for global transaction " + RootContext.getXID());
        }
        return true;
    }

    @Override
    public boolean confirm(BusinessActionContext context) {
        jdbc.update("UPDATE orders SET status = 'SUCCESS' WHERE xid = ? AND status = 'PENDING'", context.getXid());
        return true;
    }

    @Override
    public boolean cancel(BusinessActionContext context) {
        jdbc.update("UPDATE orders SET status = 'FAILED', failure_reason = COALESCE(failure_reason,"
                + " 'order-failed: the coordinator rolled the order back') WHERE xid = ? AND status = 'PENDING'",
                context.getXid());
        return true;
    }
}
