package org.shopsuite.support.transaction;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.apache.seata.core.context.RootContext;
import org.shopsuite.api.problem.ApiProblem;
import org.shopsuite.api.problem.ProblemTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * A participant's phase endpoints apply each call once per global transaction. order-service makes each call (this
 * path: this user's debit, this product's deduction) once in a global transaction; a second one with the same XID
 * is a copy (a signed call captured and sent again within its signature's minute) and is refused, 409, before its
 * branch is registered or anything is written. Without this, a copy of a TCC try sent while its global transaction is
 * still open is a second branch with its own fence row, reserves again, and is confirmed with the first.
 * <p>
 * The claim is a row in the participant's own database ({@value #TABLE}, committed before the branch begins), so it
 * holds across instances and restarts; rows older than {@link #KEPT} (long after any global transaction and any
 * signature of it has expired) are removed as new calls come.
 */
public class PhaseCalls {

    static final String TABLE = "applied_phase_calls";
    static final String ALREADY_APPLIED = "phase-call-already-applied";
    static final Duration KEPT = Duration.ofHours(1);
    private static final Duration PRUNE_EVERY = Duration.ofMinutes(1);

    private static final Logger log = LoggerFactory.getLogger(PhaseCalls.class);

    private final JdbcTemplate jdbc;
    private final AtomicLong lastPruned = new AtomicLong(System.nanoTime() - PRUNE_EVERY.toNanos());

    public PhaseCalls(@Qualifier("jdbcTemplate") JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Runs the current request's branch as {@link GlobalTransactionBranch#run} does, unless it was applied already. */
    public <T> T runOnce(Supplier<T> branch) {
        return GlobalTransactionBranch.run(() -> {
            claim(RootContext.getXID(), currentCall());
            return branch.get();
        });
    }

    public void runOnce(Runnable branch) {
        runOnce(() -> {
            branch.run();
            return null;
        });
    }

    private void claim(String xid, String call) {
        prune();
        try {
            jdbc.update("INSERT INTO " + TABLE + " (xid, phase_call) VALUES (?, ?)", xid, call);
        } catch (DuplicateKeyException again) {
            log.warn("refused a second {} in global transaction {}: a copy of a call already applied", call, xid);
            throw new ApiProblem(HttpStatus.CONFLICT, ProblemTypes.of(ALREADY_APPLIED), "Phase call already applied",
                    call + " was already applied in global transaction " + xid + "; a participant applies each call"
                    + " once per global transaction, so nothing was changed");
        } catch (DataAccessException e) {
            log.error("could not record {} of global transaction {} in {} ({}); nothing was changed. The table comes"
                    + " from sql/05-seata.sql and the service's database user needs INSERT and DELETE on it"
                    + " (sql/07-users.sql; docs/operations.md, upgrading)", call, xid, TABLE, e.getMessage());
            throw new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, ProblemTypes.SERVICE_UNAVAILABLE,
                    "Service unavailable", "the participant could not record the call; nothing was changed, retry"
                    + " shortly");
        }
    }

    private void prune() {
        long last = lastPruned.get();
        if (System.nanoTime() - last < PRUNE_EVERY.toNanos() || !lastPruned.compareAndSet(last, System.nanoTime())) {
            return;
        }
        try {
            jdbc.update("DELETE FROM " + TABLE + " WHERE created_at < NOW(3) - INTERVAL ? SECOND LIMIT 10000",
                    KEPT.toSeconds());
        } catch (RuntimeException e) {
            log.warn("could not remove old rows of {} ({}); tried again in a minute", TABLE, e.toString());
        }
    }

    /** The call as its method and path: what order-service makes once per global transaction. */
    private static String currentCall() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpServletRequest request = attributes.getRequest();
            return request.getMethod() + " " + request.getRequestURI();
        }
        throw new IllegalStateException("PhaseCalls.runOnce runs for an HTTP request only");
    }
}
