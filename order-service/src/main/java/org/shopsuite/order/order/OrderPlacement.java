package org.shopsuite.order.order;

import java.math.BigDecimal;
import java.sql.SQLIntegrityConstraintViolationException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.seata.core.context.RootContext;
import org.apache.seata.core.exception.TransactionException;
import org.apache.seata.core.model.GlobalStatus;
import org.apache.seata.tm.api.GlobalTransaction;
import org.apache.seata.tm.api.GlobalTransactionContext;
import org.shopsuite.api.order.OrderMode;
import org.shopsuite.api.order.OrderStatus;
import org.shopsuite.api.problem.ApiProblem;
import org.shopsuite.api.problem.ProblemTypes;
import org.shopsuite.api.problem.TraceIds;
import org.shopsuite.order.lock.PerUserOrderLock;
import org.shopsuite.order.order.OrderRepository.NewOrder;
import org.shopsuite.order.participant.ParticipantUnavailable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Places an order (flow 1 of the design): per-user lock, idempotency, then one global transaction in the requested
 * mode.
 * <p>
 * The order row is written first, as PENDING, outside the global transaction (the plain DataSource, committed at
 * once) but carrying its XID; only the steps inside the transaction make it SUCCESS (XA: a branch; TCC: the confirm).
 * So the order can always be read, whatever the transaction's state, and its Idempotency-Key is taken before any
 * money moves: the unique (user, key) columns, not the lock, guarantee that one key makes at most one order per user.
 * A key belongs to the user who sent it: another user's same key is a new order, never a replay or a 422.
 * <p>
 * What the caller is told follows what is known:
 * <ul>
 *   <li>before anything began: another order of the user in flight (409 {@link OrderInProgress}); the lock, the
 *       coordinator or order_db unavailable (503 {@link org.shopsuite.order.lock.OrderLockUnavailable},
 *       {@link CoordinatorUnavailable}, {@link OrderDatabaseUnavailable});</li>
 *   <li>a step refused (balance, stock): everything rolled back, the row kept as FAILED with the reason (409);</li>
 *   <li>a step could not be done (unknown user or product, a participant unreachable): everything rolled back, the row
 *       removed: nothing happened (404, 503);</li>
 *   <li>commit sent: the row as it is now. SUCCESS once phase two made it so (201); PENDING if phase two has not
 *       finished or the commit's fate is unknown (202): {@link PendingOrderSettlement} and the coordinator settle it.</li>
 * </ul>
 */
@Service
public class OrderPlacement {

    private static final Logger log = LoggerFactory.getLogger(OrderPlacement.class);

    private final PerUserOrderLock userLock;
    private final OrderRepository orders;
    private final XaOrderTransaction xa;
    private final TccOrderTransaction tcc;
    private final PlacementFaults faults;
    private final int timeoutMillis;
    private final Supplier<GlobalTransaction> newTransaction;

    @Autowired
    OrderPlacement(PerUserOrderLock userLock, OrderRepository orders, XaOrderTransaction xa, TccOrderTransaction tcc,
                   PlacementFaults faults,
                   @Value("${shop.order.transaction-timeout:30s}") Duration transactionTimeout) {
        this(userLock, orders, xa, tcc, faults, transactionTimeout, GlobalTransactionContext::createNew);
    }

    /** {@code newTransaction}: Seata's, or a test's stand-in for the coordinator. */
    OrderPlacement(PerUserOrderLock userLock, OrderRepository orders, XaOrderTransaction xa, TccOrderTransaction tcc,
                   PlacementFaults faults, Duration transactionTimeout, Supplier<GlobalTransaction> newTransaction) {
        this.userLock = userLock;
        this.orders = orders;
        this.xa = xa;
        this.tcc = tcc;
        this.faults = faults;
        this.timeoutMillis = Math.toIntExact(transactionTimeout.toMillis());
        this.newTransaction = newTransaction;
    }

    /**
     * The order as placed, or as first placed for a repeated Idempotency-Key: SUCCESS, or PENDING while its outcome
     * is being settled. Refusals are thrown as problems.
     */
    public Order place(OrderRequest request) {
        Optional<Order> earlier = earlierAttempt(request);
        if (earlier.isPresent()) {
            return replay(earlier.get(), request);
        }
        try (PerUserOrderLock.Held ignored = userLock.tryAcquire(request.userId())
                .orElseThrow(() -> new OrderInProgress(request.userId()))) {
            earlier = earlierAttempt(request); // it may have finished while we were taking the lock
            if (earlier.isPresent()) {
                return replay(earlier.get(), request);
            }
            return run(request);
        } finally {
            if (RootContext.getXID() != null) {
                RootContext.unbind(); // never hand a pooled thread over still bound to a global transaction
            }
        }
    }

    private Order run(OrderRequest request) {
        GlobalTransaction tx = newTransaction.get();
        try {
            tx.begin(timeoutMillis, "place-order-" + request.mode().name().toLowerCase());
        } catch (TransactionException | RuntimeException e) {
            String traceId = TraceIds.next();
            log.warn("could not begin a global transaction for user {} (traceId={}): {}", request.userId(), traceId,
                    e.toString());
            throw new CoordinatorUnavailable("the transaction coordinator could not begin the order; nothing was"
                    + " changed, retry shortly").withProperty(TraceIds.PROPERTY, traceId);
        }
        long orderId;
        try {
            orderId = orders.insert(new NewOrder(request.userId(), request.productId(), request.quantity(),
                    BigDecimal.ZERO.setScale(2), OrderStatus.PENDING, request.mode(), tx.getXid(), null,
                    request.idempotencyKey(), request.fingerprint()));
        } catch (RuntimeException e) {
            rollback(tx);
            if (isIdempotencyKeyClash(e) && request.idempotencyKey() != null) {
                // A concurrent request with the same key took it first: answer as it does.
                return orders.findByIdempotencyKey(request.userId(), request.idempotencyKey())
                        .map(first -> replay(first, request))
                        .orElseThrow(() -> new OrderInProgress(request.userId()));
            }
            String traceId = TraceIds.next();
            log.warn("could not write the order of user {} (traceId={}): {}", request.userId(), traceId, e.toString());
            throw new OrderDatabaseUnavailable("the order database could not record the order; nothing was changed,"
                    + " retry shortly").withProperty(TraceIds.PROPERTY, traceId);
        }
        try {
            steps(request.mode()).run(request, orderId);
        } catch (RuntimeException step) {
            rollback(tx);
            throw refused(request, orderId, step);
        }
        faults.beforeCommit();
        commit(tx, orderId);
        return orders.find(orderId).orElseThrow(() -> new IllegalStateException("order " + orderId + " vanished"));
    }

    private OrderSteps steps(OrderMode mode) {
        return mode == OrderMode.XA ? xa : tcc;
    }

    /** Sends the commit. Whatever comes back, the order row says what is known; the caller answers from it. */
    private void commit(GlobalTransaction tx, long orderId) {
        try {
            tx.commit();
            GlobalStatus status = tx.getLocalStatus();
            if (status != GlobalStatus.Committed) {
                log.warn("order {}: commit of {} answered {}; the order stays PENDING until the coordinator is done",
                        orderId, tx.getXid(), status);
            }
        } catch (TransactionException | RuntimeException e) {
            log.warn("order {}: the commit of {} may or may not have reached the coordinator ({}); the order stays"
                    + " PENDING until it is settled", orderId, tx.getXid(), e.toString());
        }
    }

    /** Rolls back; if the coordinator cannot be told, it rolls the transaction back itself at its timeout. */
    private static void rollback(GlobalTransaction tx) {
        try {
            tx.rollback();
        } catch (TransactionException | RuntimeException e) {
            log.warn("rollback of {} could not be sent ({}); the coordinator rolls it back at its timeout",
                    tx.getXid(), e.toString());
        }
    }

    private Optional<Order> earlierAttempt(OrderRequest request) {
        return Optional.ofNullable(request.idempotencyKey())
                .flatMap(key -> orders.findByIdempotencyKey(request.userId(), key));
    }

    /** The answer for this key: the order (SUCCESS or PENDING) or its refusal; a different body is a misuse (422). */
    private Order replay(Order first, OrderRequest request) {
        if (!first.requestFingerprint().equals(request.fingerprint())) {
            throw new ApiProblem(HttpStatus.UNPROCESSABLE_ENTITY, ProblemTypes.IDEMPOTENCY_KEY_REUSED,
                    "Idempotency-Key reused", "Idempotency-Key " + request.idempotencyKey()
                    + " was already used by this user for a different order request");
        }
        return switch (first.status()) {
            case SUCCESS, PENDING -> first;
            case FAILED -> throw FailureReason.toProblem(first.failureReason());
        };
    }

    /**
     * After a failed step and the rollback: a refusal (409) is kept as a FAILED order, so its key answers the same
     * again; anything else changed nothing, and its row goes, so the same key can be tried again.
     */
    private RuntimeException refused(OrderRequest request, long orderId, RuntimeException step) {
        try {
            if (step instanceof ApiProblem problem && problem.status() == HttpStatus.CONFLICT) {
                orders.markFailed(orderId, FailureReason.of(problem));
            } else {
                orders.deleteUnsucceeded(orderId);
            }
        } catch (DataAccessException e) {
            // The answer stands; the row stays PENDING until PendingOrderSettlement marks it FAILED.
            log.warn("could not record the outcome of order {} of user {}: {}", orderId, request.userId(),
                    e.toString());
        }
        return translate(orderId, step);
    }

    /** The answer to a failed step; what failed inside goes to the log, under the order's id. */
    private static RuntimeException translate(long orderId, RuntimeException cause) {
        if (cause instanceof ApiProblem problem) {
            if (problem.status().is5xxServerError()) {
                log.warn("order {}: a step was refused with {}: {}", orderId, problem.status().value(),
                        problem.detail());
                problem.withProperty("orderId", orderId);
            }
            return problem;
        }
        if (cause instanceof feign.RetryableException unreachable) {
            log.warn("order {}: a participant could not be reached; the global transaction was rolled back: {}",
                    orderId, unreachable.getMessage());
            return new ParticipantUnavailable("a participant could not be reached; nothing was changed, retry"
                    + " shortly").withProperty("orderId", orderId);
        }
        log.error("order {}: a step failed unexpectedly; the global transaction was rolled back", orderId, cause);
        return new OrderStepFailed("an order step failed; the global transaction was rolled back, nothing"
                + " was changed").withProperty("orderId", orderId);
    }

    private static boolean isIdempotencyKeyClash(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if ((t instanceof DuplicateKeyException || t instanceof SQLIntegrityConstraintViolationException)
                    && String.valueOf(t.getMessage()).contains("uk_orders_user_idempotency_key")) {
                return true;
            }
        }
        return false;
    }
}
