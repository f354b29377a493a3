package org.shopsuite.support.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLSyntaxErrorException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.ProblemDetail;

class ProblemResponsesTest {

    private final ProblemResponses responses = new ProblemResponses();

    @Test
    void anUnexpectedFailureAnswersWithATraceIdAndNoneOfItsInternals() {
        Exception failure = new DataIntegrityViolationException("PreparedStatementCallback; SQL [UPDATE accounts SET"
                + " balance = balance - ? WHERE user_id = ?]; jdbc:mysql://10.0.0.7:3307/account_db",
                new SQLSyntaxErrorException("UPDATE command denied to user 'account_svc'@'10.0.0.9' for table"
                        + " `account_db`.`accounts`"));

        ProblemDetail problem = responses.unexpected(failure);

        assertThat(problem.getStatus()).isEqualTo(500);
        assertThat(problem.getType().toString()).endsWith("/internal-error");
        String traceId = (String) problem.getProperties().get("traceId");
        assertThat(traceId).matches("[0-9a-f]{16}");
        assertThat(problem.getDetail()).contains(traceId)
                .doesNotContain("SQL", "UPDATE", "jdbc:", "10.0.0.", "account_svc", "Exception", "org.springframework");
    }

    @Test
    void everyFailureGetsItsOwnTraceId() {
        Object first = responses.unexpected(new IllegalStateException("one")).getProperties().get("traceId");
        Object second = responses.unexpected(new IllegalStateException("two")).getProperties().get("traceId");

        assertThat(first).isNotEqualTo(second);
    }
}
