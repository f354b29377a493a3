package org.shopsuite.order.participant;

import static org.assertj.core.api.Assertions.assertThat;

import feign.Request;
import feign.Response;
import feign.codec.ErrorDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.shopsuite.api.problem.ApiProblem;
import org.shopsuite.api.problem.ProblemTypes;
import org.springframework.http.HttpStatus;

/** What a participant's error answer becomes in order-service: its refusal as it is, anything else a 503. */
class ParticipantCallsTest {

    final ErrorDecoder decoder = new ParticipantCalls().participantProblems();

    @Test
    void aRefusalTravelsAsTheSameProblem() {
        Exception decoded = decoder.decode("InventoryClient#deductStock", answer(409, """
                {"type":"https://shopsuite.dev/problems/out-of-stock","title":"Out of stock",
                 "detail":"product 2 has 1 in stock, 3 requested"}"""));

        assertThat(decoded).isExactlyInstanceOf(ApiProblem.class);
        ApiProblem problem = (ApiProblem) decoded;
        assertThat(problem.status()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(problem.type()).isEqualTo(ProblemTypes.OUT_OF_STOCK);
        assertThat(problem.title()).isEqualTo("Out of stock");
        assertThat(problem.detail()).isEqualTo("product 2 has 1 in stock, 3 requested");
    }

    @Test
    void anUnknownUserOrProductTravelsAsA404() {
        ApiProblem problem = (ApiProblem) decoder.decode("AccountClient#debit", answer(404, """
                {"type":"https://shopsuite.dev/problems/not-found","title":"Account not found",
                 "detail":"no account for user 9"}"""));

        assertThat(problem.status()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(problem.type()).isEqualTo(ProblemTypes.NOT_FOUND);
    }

    @Test
    void aConflictWithoutAProblemBodyIsStillAConflict() {
        ApiProblem problem = (ApiProblem) decoder.decode("AccountClient#debit", answer(409, "not json"));

        assertThat(problem.status()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(problem.type()).isEqualTo(ProblemTypes.of("conflict"));
    }

    @Test
    void aParticipantThatFailedIsA503ParticipantUnavailableNamingTheCall() {
        Exception decoded = decoder.decode("AccountClient#debit", answer(500, """
                {"detail":"could not open a connection"}"""));

        assertThat(decoded).isInstanceOf(ParticipantUnavailable.class);
        ParticipantUnavailable problem = (ParticipantUnavailable) decoded;
        assertThat(problem.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(problem.type()).isEqualTo(ProblemTypes.SERVICE_UNAVAILABLE);
        // the call and what the participant said go to the log, never into the answer
        assertThat(problem.detail()).contains("answered 500").doesNotContain("AccountClient", "could not open");
    }

    @Test
    void aRefusedServiceCredentialIsA503NotTheCallersFault() {
        // the participants answer 401 to a bad signature: a deployment fault, not the caller's
        assertThat(decoder.decode("AccountClient#debit", answer(401, "{}")))
                .isInstanceOf(ParticipantUnavailable.class);
    }

    private static Response answer(int status, String body) {
        Request request = Request.create(Request.HttpMethod.POST, "http://participant/internal", Map.of(), null,
                StandardCharsets.UTF_8, null);
        return Response.builder().status(status).reason(HttpStatus.valueOf(status).getReasonPhrase())
                .request(request).headers(Map.of()).body(body, StandardCharsets.UTF_8).build();
    }
}
