package org.shopsuite.order.order;

import org.shopsuite.api.problem.ApiProblem;
import org.shopsuite.api.problem.ProblemTypes;
import org.springframework.http.HttpStatus;

/** order_db could not record the PENDING order before any step ran: nothing was changed, retry (503). */
public class OrderDatabaseUnavailable extends ApiProblem {

    public OrderDatabaseUnavailable(String detail) {
        super(HttpStatus.SERVICE_UNAVAILABLE, ProblemTypes.SERVICE_UNAVAILABLE, "Service unavailable", detail);
    }
}
