package org.shopsuite.testfixtures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.shopsuite.testfixtures.SuiteHttp.Reply;

class SuiteHttpTest {

    @Test
    void aHeaderIsFoundByItsNameInAnyCase() {
        Reply reply = new Reply(200, "{}",
                Map.of("x-cache", List.of("L1", "L2"), "Location", List.of("/api/orders/7")));

        assertThat(reply.header("X-Cache")).isEqualTo("L1");
        assertThat(reply.cache()).isEqualTo("L1");
        assertThat(reply.header("location")).isEqualTo("/api/orders/7");
        assertThat(reply.header("Idempotency-Key")).isNull();
        assertThat(new Reply(200, "", Map.of()).cache()).isNull();
    }

    @Test
    void theBodyReadsAsJsonAlsoWhenItIsEmptyOrNotJson() {
        assertThat(new Reply(201, "{\"orderId\":5}", Map.of()).json().path("orderId").asLong()).isEqualTo(5);
        assertThat(new Reply(204, "", Map.of()).json().isObject()).isTrue();
        assertThat(new Reply(204, "", Map.of()).json().isEmpty()).isTrue();
        assertThat(new Reply(502, "Bad Gateway", Map.of()).json().path("text").asText()).isEqualTo("Bad Gateway");
    }

    @Test
    void aProblemsSlugIsTheLastSegmentOfItsType() {
        Reply problem = new Reply(409, "{\"type\":\"https://shopsuite.org/problems/insufficient-balance\"}", Map.of());

        assertThat(problem.problemSlug()).isEqualTo("insufficient-balance");
        assertThat(new Reply(200, "{}", Map.of()).problemSlug()).isEmpty();
    }

    @Test
    void aProblemIsAProblemDocumentWithTheResponsesOwnStatus() {
        String body = "{\"type\":\"https://shopsuite.org/problems/forbidden\",\"status\":403}";
        Map<String, List<String>> problemJson = Map.of("Content-Type", List.of("application/problem+json"));

        assertThat(new Reply(403, body, problemJson).isProblem()).isTrue();
        assertThat(new Reply(401, body, problemJson).isProblem()).as("another status").isFalse();
        assertThat(new Reply(403, body, Map.of("Content-Type", List.of("application/json")))
                .isProblem()).as("plain JSON").isFalse();
        assertThat(new Reply(403, body, Map.of()).isProblem()).as("no content type").isFalse();
    }

    @Test
    void noAnswerIsStatusMinusOneNamingTheError() {
        Reply reply = Reply.noAnswer(new IOException("Connection refused"));

        assertThat(reply.status()).isEqualTo(-1);
        assertThat(reply.json().path("error").asText()).contains("Connection refused");
        assertThat(reply.toString()).startsWith("-1 ");
    }

    @Test
    void aTokenBecomesABearerHeaderAndNoTokenNone() {
        HttpRequest withToken = SuiteHttp.post("http://127.0.0.1:1/api/orders", "{}", "abc", Duration.ofSeconds(1))
                .build();
        HttpRequest without = SuiteHttp.get("http://127.0.0.1:1/api/products/1", null, Duration.ofSeconds(1)).build();

        assertThat(withToken.headers().firstValue("Authorization")).contains("Bearer abc");
        assertThat(withToken.headers().firstValue("Content-Type")).contains("application/json");
        assertThat(withToken.method()).isEqualTo("POST");
        assertThat(without.headers().firstValue("Authorization")).isEmpty();
        assertThat(without.method()).isEqualTo("GET");
    }

    @Test
    void aRequestNobodyAnswersIsAnErrorOrAReplyAsAsked() throws IOException {
        String url;
        try (ServerSocket socket = new ServerSocket(0)) {
            url = "http://127.0.0.1:" + socket.getLocalPort() + "/";
        } // closed: nothing listens there now

        assertThat(SuiteHttp.sendOrNoAnswer(SuiteHttp.get(url, null, Duration.ofSeconds(2))).status()).isEqualTo(-1);
        assertThatThrownBy(() -> SuiteHttp.send(SuiteHttp.get(url, null,
                Duration.ofSeconds(2)))).isInstanceOf(IllegalStateException.class).hasMessageContaining("GET " + url);
    }
}
