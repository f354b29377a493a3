package org.shopsuite.order.order;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.apache.seata.core.exception.TransactionException;
import org.apache.seata.core.model.GlobalStatus;
import org.apache.seata.tm.api.GlobalTransactionContext;
import org.shopsuite.api.order.OrderMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.NestedExceptionUtils;
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
 * holds the row locked while it is prepared, so a row that is locked is skipped (never waited for) until that branch
 * is finished: committed, the row is SUCCESS and left alone; rolled back, FAILED is right. TCC: a RecordOrder try
 * awaiting its confirm or cancel (Seata's fence says so) is left to that phase two.
 * <p>
 * Each order is settled on its own, with bounded waits (the coordinator's request timeout, none for a locked row, the
 * database's socket timeout): an order that cannot be settled now stays PENDING for a later round and holds up no
 * other. Rounds go on past the last order looked at, so a crowd of such orders cannot starve the ones behind it.
 */
@Component
class PendingOrderSettlement {

    private static final Logger log = LoggerFactory.getLogger(PendingOrderSettlement.class);

    /** The coordinator is done with the transaction, and committed nothing of it that a row would show. */
    private static final Set<GlobalStatus> OVER = EnumSet.of(GlobalStatus.Finished, GlobalStatus.Rollbacked,
            GlobalStatus.TimeoutRollbacked);
    static final int BATCH = 100;

    private final OrderRepository orders;
    private final Duration quiet;
    private final Function<String, GlobalStatus> coordinator;
    /** Where the next round starts: past the last order looked at, so orders that stay PENDING starve none behind. */
    private long resumeAfter;

    @Autowired
    PendingOrderSettlement(OrderRepository orders, @Value("${shop.order.settle-after:5s}") Duration quiet) {
        this(orders, quiet, PendingOrderSettlement::askCoordinator);
    }

    /** {@code coordinator}: the global transaction's status by its XID (Seata's, or a test's stand-in). */
    PendingOrderSettlement(OrderRepository orders, Duration quiet, Function<String, GlobalStatus> coordinator) {
        this.orders = orders;
        this.quiet = quiet;
        this.coordinator = coordinator;
    }

    @Scheduled(initialDelayString = "${shop.order.settle-every:5s}", fixedDelayString = "${shop.order.settle-every:5s}")
    void settle() {
        List<Order> pending;
        try {
            pending = orders.pendingUntouchedFor(quiet, resumeAfter, BATCH);
        } catch (RuntimeException e) {
            // order_db is away or did not answer within its socket timeout: the orders stay PENDING, as is known
            log.warn("could not settle pending orders now: order_db did not answer ({}); trying again in a moment",
                    NestedExceptionUtils.getMostSpecificCause(e).toString());
            return;
        }
        resumeAfter = pending.size() < BATCH ? 0 : pending.get(pending.size() - 1).orderId();
        for (Order order : pending) {
            // Each order on its own: one the coordinator cannot answer for, or whose row a branch holds, waits for a
            // later round and delays no other.
            try {
                settle(order);
            } catch (RuntimeException e) {
                log.warn("could not settle order {} now ({}); it stays PENDING and is tried again in a later round",
                        order.orderId(), e.toString());
            }
        }
    }

    private void settle(Order order) {
        if (order.mode() == OrderMode.TCC && orders.awaitsTccPhaseTwo(order.xid())) {
            return;
        }
        GlobalStatus status = coordinator.apply(order.xid());
        if (!OVER.contains(status)) {
            return;
        }
        OrderRepository.Settled settled = orders.failPendingUnlessHeld(order.orderId(), "order-failed: the"
                + " coordinator finished global transaction " + order.xid() + " without committing it (" + status
                + "); nothing was charged");
        switch (settled) {
            case DONE -> log.info("order {} settled as FAILED: its global transaction ended uncommitted ({})",
                    order.orderId(), status);
            case HELD -> log.info("order {}: its row is held (an XA branch still prepared?); settled in a later round",
                    order.orderId());
            case NOT_PENDING -> { }
        }
    }

    private static GlobalStatus askCoordinator(String xid) {
        try {
            return GlobalTransactionContext.reload(xid).getStatus();
        } catch (TransactionException e) {
            throw new IllegalStateException("the coordinator could not tell the status of " + xid + ": " + e, e);
        }
    }
}
