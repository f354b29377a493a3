package org.shopsuite.order.order;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import org.apache.seata.core.exception.TransactionException;
import org.apache.seata.core.model.GlobalStatus;
import org.apache.seata.tm.api.GlobalTransactionContext;
import org.shopsuite.api.order.OrderMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Settles PENDING orders whose global transaction the coordinator has finished without committing the order:
 * rolled back at its timeout (the commit never arrived, or phase one ran too long), or abandoned by an instance that
 * died mid-order. A commit makes the row SUCCESS itself (XA: its branch; TCC: the confirm), and a TCC cancel makes it
 * FAILED; this covers what no phase two will ever touch. It runs on every instance; the update is idempotent.
 * <p>
 * The coordinator's word alone is not trusted (after a restart of the coordinator, a transaction whose XA branch was
 * still prepared was reported as over); the row must agree too. XA: {@code SUCCESS} is the order's own branch, which
 * holds the row locked while it is prepared, so marking the row FAILED waits (and gives up after the lock wait)
 * until that branch is finished: committed, the row is SUCCESS and left alone; rolled back, FAILED is right. TCC: a
 * RecordOrder try awaiting its confirm or cancel (Seata's fence says so) is left to that phase two.
 */
@Component
class PendingOrderSettlement {

    private static final Logger log = LoggerFactory.getLogger(PendingOrderSettlement.class);

    /** The coordinator is done with the transaction, and committed nothing of it that a row would show. */
    private static final Set<GlobalStatus> OVER = EnumSet.of(GlobalStatus.Finished, GlobalStatus.Rollbacked,
            GlobalStatus.TimeoutRollbacked);

    private final OrderRepository orders;
    private final Duration quiet;

    PendingOrderSettlement(OrderRepository orders, @Value("${shop.order.settle-after:5s}") Duration quiet) {
        this.orders = orders;
        this.quiet = quiet;
    }

    @Scheduled(initialDelayString = "${shop.order.settle-every:5s}", fixedDelayString = "${shop.order.settle-every:5s}")
    void settle() {
        try {
            for (Order order : orders.pendingUntouchedFor(quiet, 100)) {
                if (order.mode() == OrderMode.TCC && orders.awaitsTccPhaseTwo(order.xid())) {
                    continue;
                }
                GlobalStatus status = GlobalTransactionContext.reload(order.xid()).getStatus();
                if (OVER.contains(status) && orders.failPending(order.orderId(), "order-failed: the coordinator"
                        + " finished global transaction " + order.xid() + " without committing it (" + status
                        + "); nothing was charged")) {
                    log.info("order {} settled as FAILED: its global transaction ended uncommitted ({})",
                            order.orderId(), status);
                }
            }
        } catch (TransactionException | RuntimeException e) {
            // the coordinator or the database is away: the orders stay PENDING, which is what is known
            log.warn("could not settle pending orders now ({}); trying again in a moment", e.toString());
        }
    }
}
