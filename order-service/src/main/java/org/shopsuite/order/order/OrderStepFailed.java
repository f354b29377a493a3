package org.shopsuite.order.order;

import org.shopsuite.api.problem.ApiProblem;
import org.shopsuite.api.problem.ProblemTypes;
import org.springframework.http.HttpStatus;

/**
 * A step failed in a way no participant reported (the order's own branch, Seata itself, or a bug): the global
 * transaction was rolled back before its outcome was decided, nothing was changed (503).
 */
public class OrderStepFailed extends ApiProblem {

    public OrderStepFailed(String detail) {
        super(HttpStatus.SERVICE_UNAVAILABLE, ProblemTypes.SERVICE_UNAVAILABLE, "Service unavailable", detail);
    }
}
