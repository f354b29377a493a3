package org.shopsuite.order.lock;

import org.shopsuite.api.problem.ApiProblem;
import org.shopsuite.api.problem.ProblemTypes;
import org.springframework.http.HttpStatus;

/**
 * The per-user order lock could not be taken or refused (Redis unreachable, or the wait was interrupted): nothing was
 * begun, so a retry is safe (503). A lock another request holds is not this: that is {@code OrderInProgress} (409).
 */
public class OrderLockUnavailable extends ApiProblem {

    public OrderLockUnavailable(String detail) {
        super(HttpStatus.SERVICE_UNAVAILABLE, ProblemTypes.SERVICE_UNAVAILABLE, "Service unavailable", detail);
    }
}
