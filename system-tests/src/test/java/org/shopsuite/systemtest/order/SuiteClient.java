package org.shopsuite.systemtest.order;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.shopsuite.testfixtures.TestInfrastructure;

/**
 * Places and reads orders over HTTP, as a client of the suite would: an order with the token of the user it names,
 * a read as an operator (scope shop.admin), unless a test says otherwise (AuthIT checks who may do what).
 */
public final class SuiteClient {

    /** The user id of operators' tokens in these tests: no account has it. */
    public static final long OPERATOR = 999_999_999L;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final TestInfrastructure infra;

    public SuiteClient(TestInfrastructure infra) {
        this.infra = infra;
    }

    public String orderInstance(int index) {
        return infra.baseUrl(infra.service("order-service-" + (index % 2 + 1)));
    }

    public String gateway(int index) {
        return infra.baseUrl(infra.service("cache-gateway-" + (index % 2 + 1)));
    }

    public Reply placeOrder(int instance, long userId, long productId, int quantity, String mode, String idempotencyKey,
                     Map<String, String> headers) {
        return placeOrderAt(orderInstance(instance), userId, productId, quantity, mode, idempotencyKey, headers);
    }

    /** Places an order at a base URL: an order-service instance, or a gateway. */
    public Reply placeOrderAt(String baseUrl, long userId, long productId, int quantity, String mode, String idempotencyKey,
                       Map<String, String> headers) {
        String body = "{\"userId\":" + userId + ",\"productId\":" + productId + ",\"quantity\":" + quantity
                + (mode == null ? "" : ",\"mode\":\"" + mode + "\"") + "}";
        return postOrder(baseUrl, body, infra.token(userId, false), idempotencyKey, headers);
    }

    /** {@code POST /api/orders} with this body and token ({@code null}: none). */
    public Reply postOrder(String baseUrl, String body, String token, String idempotencyKey,
                           Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/orders"))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        headers.forEach(request::header);
        return send(request.build());
    }

    public Reply placeOrder(long userId, long productId, int quantity, String mode) {
        return placeOrder(0, userId, productId, quantity, mode, null, Map.of());
    }

    /** A read as an operator. */
    public Reply get(String url) {
        return getWith(url, infra.token(OPERATOR, true));
    }

    /** A read with this token ({@code null}: none). */
    public Reply getWith(String url, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.build());
    }

    private static Reply send(HttpRequest request) {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
            return new Reply(response.statusCode(), body, response.headers().firstValue("Location").orElse(null),
                    response.headers());
        } catch (IOException e) {
            return new Reply(-1, JSON.createObjectNode().put("error", e.toString()), null,
                    HttpHeaders.of(Map.of(), (name, value) -> true));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public record Reply(int status, JsonNode body, String location, HttpHeaders headers) {

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        public String problemSlug() {
            String type = body.path("type").asText("");
            return type.substring(type.lastIndexOf('/') + 1);
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}
