package org.shopsuite.order.order;

import java.math.BigDecimal;
import org.apache.seata.rm.tcc.api.BusinessActionContext;
import org.apache.seata.rm.tcc.api.LocalTCC;
import org.apache.seata.rm.tcc.api.TwoPhaseBusinessAction;

/**
 * TCC mode, order-service's own participant: the order row exists as PENDING before the global transaction's steps;
 * try records its amount, confirm makes it SUCCESS, cancel FAILED. Fenced like the others.
 */
@LocalTCC
public interface PendingOrder {

    @TwoPhaseBusinessAction(name = "RecordOrder", commitMethod = "confirm", rollbackMethod = "cancel",
            useTCCFence = true)
    boolean record(BigDecimal amount);

    boolean confirm(BusinessActionContext context);

    boolean cancel(BusinessActionContext context);
}
