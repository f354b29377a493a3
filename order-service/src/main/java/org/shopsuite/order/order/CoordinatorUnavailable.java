package org.shopsuite.order.order;

import org.shopsuite.api.problem.ApiProblem;
import org.shopsuite.api.problem.ProblemTypes;
import org.springframework.http.HttpStatus;

/** The Seata coordinator could not begin the order's global transaction: nothing was changed, retry (503). */
public class CoordinatorUnavailable extends ApiProblem {

    public CoordinatorUnavailable(String detail) {
        super(HttpStatus.SERVICE_UNAVAILABLE, ProblemTypes.SERVICE_UNAVAILABLE, "Service unavailable", detail);
    }
}
