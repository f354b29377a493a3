package org.shopsuite.account.account;

import org.shopsuite.api.problem.ProblemTypes;
import org.shopsuite.api.problem.ApiProblem;
import org.springframework.http.HttpStatus;

public class AccountNotFound extends ApiProblem {

    public AccountNotFound(long userId) {
        super(HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND, "Account not found", "no account for user " + userId);
    }
}
