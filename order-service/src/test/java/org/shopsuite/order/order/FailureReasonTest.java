package org.shopsuite.order.order;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.shopsuite.api.problem.ApiProblem;
import org.shopsuite.api.problem.ProblemTypes;
import org.springframework.http.HttpStatus;

/** A FAILED order's stored reason answers a replay of its Idempotency-Key with the first attempt's problem. */
class FailureReasonTest {

    @Test
    void aRefusalIsStoredAsItsSlugAndDetail() {
        ApiProblem refusal = new ApiProblem(HttpStatus.CONFLICT, ProblemTypes.INSUFFICIENT_BALANCE,
                "Insufficient balance", "user 1 has 5.00, 7.50 requested");

        assertThat(FailureReason.of(refusal)).isEqualTo("insufficient-balance: user 1 has 5.00, 7.50 requested");
    }

    @Test
    void theStoredReasonComesBackAsTheSameProblem() {
        ApiProblem refusal = new ApiProblem(HttpStatus.CONFLICT, ProblemTypes.OUT_OF_STOCK, "Out of stock",
                "product 2 has 1 in stock, 3 requested");

        ApiProblem replayed = FailureReason.toProblem(FailureReason.of(refusal));

        assertThat(replayed.status()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(replayed.type()).isEqualTo(ProblemTypes.OUT_OF_STOCK);
        assertThat(replayed.title()).isEqualTo("Out of stock");
        assertThat(replayed.detail()).isEqualTo("product 2 has 1 in stock, 3 requested");
    }

    @Test
    void whatTheCoordinatorFailedIsAnOrderFailedConflict() {
        // written by PendingOrderSettlement and the TCC cancel, not by a participant's refusal
        ApiProblem replayed = FailureReason.toProblem("order-failed: the coordinator rolled the order back");

        assertThat(replayed.status()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(replayed.type()).isEqualTo(ProblemTypes.of("order-failed"));
        assertThat(replayed.title()).isEqualTo("Order failed");
        assertThat(replayed.detail()).isEqualTo("the coordinator rolled the order back");
    }

    @Test
    void aReasonWithoutSlugOrNoReasonAtAllIsStillAnOrderFailedConflict() {
        assertThat(FailureReason.toProblem("something broke").type()).isEqualTo(ProblemTypes.of("order-failed"));
        assertThat(FailureReason.toProblem("something broke").detail()).isEqualTo("something broke");
        assertThat(FailureReason.toProblem(null).type()).isEqualTo(ProblemTypes.of("order-failed"));
        assertThat(FailureReason.toProblem(null).status()).isEqualTo(HttpStatus.CONFLICT);
    }

    @Test
    void aLongReasonIsCutToTheColumn() {
        ApiProblem refusal = new ApiProblem(HttpStatus.CONFLICT, ProblemTypes.OUT_OF_STOCK, "Out of stock",
                "x".repeat(400));

        assertThat(FailureReason.of(refusal)).hasSize(255).startsWith("out-of-stock: xxx");
    }
}
