package org.shopsuite.account.credit;

import java.math.BigDecimal;
import org.shopsuite.api.problem.ProblemTypes;
import org.shopsuite.api.problem.ApiProblem;
import org.springframework.http.HttpStatus;

public class InsufficientBalance extends ApiProblem {

    public InsufficientBalance(long userId, BigDecimal balance, BigDecimal requested) {
        super(HttpStatus.CONFLICT, ProblemTypes.INSUFFICIENT_BALANCE, "Insufficient balance",
                "user " + userId + " has " + balance.toPlainString() + ", " + requested.toPlainString() + " requested");
    }
}
