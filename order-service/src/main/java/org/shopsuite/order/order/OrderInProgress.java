package org.shopsuite.order.order;

import org.shopsuite.api.problem.ProblemTypes;
import org.shopsuite.api.problem.ApiProblem;
import org.springframework.http.HttpStatus;

public class OrderInProgress extends ApiProblem {

    public OrderInProgress(long userId) {
        super(HttpStatus.CONFLICT, ProblemTypes.ORDER_IN_PROGRESS, "Order in progress",
                "user " + userId + " already has an order in flight; retry when it has finished");
    }
}
