package org.shopsuite.api.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.mock.web.MockHttpServletResponse;

/** Problems written outside Spring MVC (filters, Spring Security's handlers) have the shape MVC gives them. */
class ProblemWriterTest {

    @Test
    void aProblemIsTheWholeAnswerStatusContentTypeAndBodyInMvcsFieldOrder() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();

        ProblemWriter.write(response, ApiProblem.body(HttpStatus.TOO_MANY_REQUESTS, ProblemTypes.RATE_LIMITED,
                "Too many requests", "retry after 2 s"));

        assertThat(response.getStatus()).isEqualTo(429);
        assertThat(response.getContentType()).isEqualTo("application/problem+json;charset=UTF-8");
        assertThat(response.getContentAsString()).isEqualTo("{\"type\":\"https://shopsuite.dev/problems/rate-limited\","
                + "\"title\":\"Too many requests\",\"status\":429,\"detail\":\"retry after 2 s\"}");
    }

    @Test
    void propertiesFollowTheStandardFields() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();

        ProblemWriter.write(response, ApiProblem.invalidFields("quantity must be positive", List.of("quantity"))
                .withProperty(TraceIds.PROPERTY, "00ff").body());

        assertThat(response.getContentAsString()).isEqualTo("{\"type\":\"https://shopsuite.dev/problems/invalid-request\","
                + "\"title\":\"Invalid request\",\"status\":400,\"detail\":\"quantity must be positive\","
                + "\"fields\":[\"quantity\"],\"traceId\":\"00ff\"}");
    }

    @Test
    void writingOnlyTheBodyLeavesTheStatusAnotherHandlerSet() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        response.setStatus(400);

        ProblemWriter.writeBody(response, ApiProblem.body(HttpStatus.UNAUTHORIZED, ProblemTypes.UNAUTHENTICATED,
                "Authentication required", "send a token"));

        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(response.getContentAsString()).contains("\"status\":401");
    }
}
