package org.shopsuite.inventory.product;

import org.shopsuite.api.problem.ProblemTypes;
import org.shopsuite.api.problem.ApiProblem;
import org.springframework.http.HttpStatus;

public class ProductNotFound extends ApiProblem {

    public ProductNotFound(long productId) {
        super(HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND, "Product not found", "no product with id " + productId);
    }
}
