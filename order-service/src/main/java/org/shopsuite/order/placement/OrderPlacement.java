package org.shopsuite.order.placement;

import java.sql.SQLIntegrityConstraintViolationException;
import java.util.Optional;
import org.shopsuite.api.order.OrderMode;
import org.shopsuite.api.order.OrderStatus;
import org.shopsuite.api.problem.ProblemTypes;
import org.shopsuite.order.lock.PerUserOrderLock;
import org.shopsuite.order.order.Order;
import org.shopsuite.order.order.OrderRepository;
import org.shopsuite.order.order.OrderRepository.NewOrder;
import org.shopsuite.order.participant.ParticipantUnavailable;
import org.shopsuite.api.problem.ApiProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Places an order (DESIGN.md flow 1): per-user lock, idempotency, then one global transaction in the requested mode.
 * A refused attempt (balance, stock) is kept as a FAILED order with its reason, after everything was rolled back.
 * The unique Idempotency-Key column, not the lock, guarantees that one key makes at most one order.
 */
@Service
public class OrderPlacement {

    private static final Logger log = LoggerFactory.getLogger(OrderPlacement.class);

    private final PerUserOrderLock userLock;
    private final OrderRepository orders;
    private final XaOrderTransaction xa;
    private final TccOrderTransaction tcc;

    OrderPlacement(PerUserOrderLock userLock, OrderRepository orders, XaOrderTransaction xa, TccOrderTransaction tcc) {
        this.userLock = userLock;
        this.orders = orders;
        this.xa = xa;
        this.tcc = tcc;
    }

    /** The order as placed (or as first placed, for a replayed Idempotency-Key); refusals are thrown as problems. */
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
        }
    }

    private Order run(OrderRequest request) {
        try {
            long orderId = request.mode() == OrderMode.XA ? xa.place(request) : tcc.place(request);
            return orders.find(orderId).orElseThrow();
        } catch (GlobalTransactionFailed failed) {
            RuntimeException cause = failed.step();
            if (isIdempotencyKeyClash(cause) && request.idempotencyKey() != null) {
                // A concurrent request with the same key won the unique constraint: answer as it did.
                return orders.findByIdempotencyKey(request.idempotencyKey())
                        .map(first -> replay(first, request))
                        .orElseThrow(() -> new OrderInProgress(request.userId()));
            }
            if (cause instanceof ApiProblem problem && problem.status() == HttpStatus.CONFLICT) {
                recordFailure(request, failed.xid(), problem);
            }
            throw translate(cause);
        } catch (ApiProblem problem) {
            throw problem;
        } catch (RuntimeException e) {
            // Begin, commit or rollback failed at the coordinator: all or nothing happened, the TC finishes it.
            log.warn("global transaction for user {} failed at the coordinator: {}", request.userId(), e.toString());
            throw new ParticipantUnavailable("the transaction coordinator could not complete the order ("
                    + e.getMessage() + "); retry with the same Idempotency-Key to learn its outcome");
        }
    }

    private Optional<Order> earlierAttempt(OrderRequest request) {
        return Optional.ofNullable(request.idempotencyKey()).flatMap(orders::findByIdempotencyKey);
    }

    /** The first response for this key: the same order, or the same refusal; a different body is a misuse (422). */
    private Order replay(Order first, OrderRequest request) {
        if (!first.requestFingerprint().equals(request.fingerprint())) {
            throw new ApiProblem(HttpStatus.UNPROCESSABLE_ENTITY, ProblemTypes.IDEMPOTENCY_KEY_REUSED,
                    "Idempotency-Key reused", "Idempotency-Key " + request.idempotencyKey()
                    + " was already used for a different order request");
        }
        return switch (first.status()) {
            case SUCCESS -> first;
            case PENDING -> throw new OrderInProgress(request.userId());
            case FAILED -> throw FailureReason.toProblem(first.failureReason());
        };
    }

    /** Keeps the refused attempt; the refusal stands even if this bookkeeping fails, so that is only logged. */
    private void recordFailure(OrderRequest request, String xid, ApiProblem problem) {
        String reason = FailureReason.of(problem);
        try {
            if (xid != null && orders.markFailed(xid, reason)) {
                return; // TCC: the pending row of this attempt exists; its cancel made or will make it FAILED
            }
            orders.insert(new NewOrder(request.userId(), request.productId(), request.quantity(),
                    java.math.BigDecimal.ZERO.setScale(2), OrderStatus.FAILED, request.mode(), xid, reason,
                    request.idempotencyKey(), request.fingerprint()));
        } catch (DuplicateKeyException raced) {
            log.info("attempt with Idempotency-Key {} was recorded concurrently", request.idempotencyKey());
        } catch (DataAccessException e) {
            log.warn("could not record the refused order of user {} ({}): {}", request.userId(), reason, e.toString());
        }
    }

    private static RuntimeException translate(RuntimeException cause) {
        if (cause instanceof ApiProblem problem) {
            if (problem.status().is5xxServerError()) {
                log.warn("order step refused with {}: {}", problem.status().value(), problem.detail());
            }
            return problem;
        }
        if (cause instanceof feign.RetryableException unreachable) {
            log.warn("a participant could not be reached; the global transaction was rolled back: {}",
                    unreachable.getMessage());
            return new ParticipantUnavailable("a participant could not be reached (" + unreachable.getMessage()
                    + "); nothing was changed, retry shortly");
        }
        log.error("order step failed unexpectedly; the global transaction was rolled back", cause);
        return new ParticipantUnavailable("an order step failed (" + cause.getMessage()
                + "); the global transaction was rolled back");
    }

    private static boolean isIdempotencyKeyClash(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if ((t instanceof DuplicateKeyException || t instanceof SQLIntegrityConstraintViolationException)
                    && String.valueOf(t.getMessage()).contains("uk_orders_idempotency_key")) {
                return true;
            }
        }
        return false;
    }
}
