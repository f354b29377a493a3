package org.shopsuite.account.credit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.shopsuite.api.problem.ApiProblem;
import org.shopsuite.api.problem.ProblemTypes;
import org.springframework.http.HttpStatus;

/** What a participant may be asked to take: positive whole cents within DECIMAL(10,2), never rounded. */
class CreditAmountTest {

    @ParameterizedTest
    @ValueSource(strings = {"0.01", "7.50", "7.5", "7.500", "100", "99999999.99"})
    void aPositiveAmountInWholeCentsIsTakenAsItIs(String amount) {
        assertThat(CreditAmount.valid(new BigDecimal(amount))).isEqualTo(new BigDecimal(amount));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "0.00", "-7.50", "100000000.00", "7.505", "0.001"})
    void anythingElseIsA400(String amount) {
        ApiProblem refusal = catchThrowableOfType(ApiProblem.class, () -> CreditAmount.valid(new BigDecimal(amount)));

        assertThat(refusal.status()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(refusal.type()).isEqualTo(ProblemTypes.INVALID_REQUEST);
        assertThat(refusal.detail()).contains("amount");
    }

    @Test
    void noAmountIsA400() {
        assertThat(catchThrowableOfType(ApiProblem.class, () -> CreditAmount.valid(null)).detail())
                .isEqualTo("amount is required");
    }
}
