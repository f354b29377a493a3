package org.shopsuite.support.transaction;

import java.util.EnumSet;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.seata.core.context.RootContext;
import org.apache.seata.core.exception.TransactionException;
import org.apache.seata.core.exception.TransactionExceptionCode;
import org.shopsuite.api.problem.ApiProblem;
import org.shopsuite.api.problem.ProblemTypes;
import org.springframework.http.HttpStatus;

/**
 * A participant's part of the caller's global transaction (the XID arrives in {@code TX_XID}; Seata binds it). It
 * refuses, with a 400 problem and nothing done, a call that is not part of a global transaction the coordinator knows
 * as begun:
 * <ul>
 *   <li>no XID: outside a global transaction an XA-proxied DataSource commits locally at once, and a TCC try would
 *       reserve with nobody left to confirm or cancel. Checked before any work.</li>
 *   <li>an XID the coordinator never began, or has already ended: the branch registration that precedes any SQL (XA:
 *       when the connection joins the transaction; TCC: before the try runs) is refused by the coordinator, so
 *       nothing was written, and the refusal is reported as such instead of as a 500.</li>
 * </ul>
 */
public final class GlobalTransactionBranch {

    static final String NOT_IN_GLOBAL_TRANSACTION = "not-in-global-transaction";
    static final String UNKNOWN_GLOBAL_TRANSACTION = "unknown-global-transaction";

    /** What the coordinator answers a branch registration for a global transaction that is not (or no longer) open. */
    private static final Set<TransactionExceptionCode> NOT_OPEN = EnumSet.of(
            TransactionExceptionCode.GlobalTransactionNotExist,
            TransactionExceptionCode.GlobalTransactionNotActive,
            TransactionExceptionCode.GlobalTransactionStatusInvalid);

    private GlobalTransactionBranch() {
    }

    public static <T> T run(Supplier<T> branch) {
        String xid = RootContext.getXID();
        if (xid == null || xid.isBlank()) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, ProblemTypes.of(NOT_IN_GLOBAL_TRANSACTION),
                    "Not in a global transaction", "this endpoint is a branch of an order's global transaction and"
                    + " needs its XID in header " + RootContext.KEY_XID + "; nothing was changed");
        }
        try {
            return branch.get();
        } catch (RuntimeException e) {
            TransactionException refused = registrationRefusal(e);
            if (refused == null) {
                throw e;
            }
            throw new ApiProblem(HttpStatus.BAD_REQUEST, ProblemTypes.of(UNKNOWN_GLOBAL_TRANSACTION),
                    "Unknown global transaction", "the coordinator has no open global transaction " + xid + " ("
                    + refused.getCode() + "); nothing was changed");
        }
    }

    public static void run(Runnable branch) {
        run(() -> {
            branch.run();
            return null;
        });
    }

    /** The coordinator's "no such open global transaction" anywhere in the cause chain, or null. */
    private static TransactionException registrationRefusal(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof TransactionException refusal && NOT_OPEN.contains(refusal.getCode())) {
                return refusal;
            }
        }
        return null;
    }
}
