package org.shopsuite.account.credit;

import java.math.BigDecimal;
import org.shopsuite.api.problem.ApiProblem;
import org.shopsuite.api.problem.ProblemTypes;
import org.springframework.http.HttpStatus;

/**
 * The amounts a participant takes: what an order can cost. Positive, whole cents, and within {@code DECIMAL(10,2)}
 * (the column it comes out of); anything else is refused as the public API refuses bad input, never rounded.
 */
final class CreditAmount {

    static final BigDecimal MAX = new BigDecimal("99999999.99");

    private CreditAmount() {
    }

    static BigDecimal valid(BigDecimal amount) {
        if (amount == null) {
            throw invalid("amount is required");
        }
        if (amount.signum() <= 0 || amount.compareTo(MAX) > 0) {
            throw invalid("amount must be more than 0 and at most " + MAX.toPlainString() + ", got "
                    + amount.toPlainString());
        }
        if (amount.stripTrailingZeros().scale() > 2) {
            throw invalid("amount must be in whole cents (at most 2 decimals), got " + amount.toPlainString());
        }
        return amount;
    }

    private static ApiProblem invalid(String detail) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, ProblemTypes.INVALID_REQUEST, "Invalid request", detail);
    }
}
