package org.shopsuite.inventory.stock;

import org.shopsuite.api.problem.ProblemTypes;
import org.shopsuite.api.problem.ApiProblem;
import org.springframework.http.HttpStatus;

public class OutOfStock extends ApiProblem {

    public OutOfStock(long productId, int available, int requested) {
        super(HttpStatus.CONFLICT, ProblemTypes.OUT_OF_STOCK, "Out of stock",
                "product " + productId + " has " + available + " in stock, " + requested + " requested");
    }
}
