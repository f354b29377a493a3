package org.shopsuite.inventory.stock;

import org.shopsuite.api.problem.ApiProblem;
import org.shopsuite.api.problem.ProblemTypes;
import org.springframework.http.HttpStatus;

/**
 * The quantities a participant takes or reserves: what one order may ask for at the public API, 1 to {@value #MAX}
 * units. A negative one would put stock back with no order behind it.
 */
final class StockQuantity {

    static final int MAX = 1000;

    private StockQuantity() {
    }

    static int valid(int quantity) {
        if (quantity < 1 || quantity > MAX) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, ProblemTypes.INVALID_REQUEST, "Invalid request",
                    "quantity must be between 1 and " + MAX + ", got " + quantity);
        }
        return quantity;
    }
}
