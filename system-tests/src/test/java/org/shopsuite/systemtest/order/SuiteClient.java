package org.shopsuite.systemtest.order;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.shopsuite.testfixtures.TestInfrastructure;

/** Places and reads orders over HTTP, as a client of the suite would. */
public final class SuiteClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final TestInfrastructure infra;

    public SuiteClient(TestInfrastructure infra) {
        this.infra = infra;
    }

    String orderInstance(int index) {
        return infra.baseUrl(infra.service("order-service-" + (index % 2 + 1)));
    }

    String gateway(int index) {
        return infra.baseUrl(infra.service("cache-gateway-" + (index % 2 + 1)));
    }

    public Reply placeOrder(int instance, long userId, long productId, int quantity, String mode, String idempotencyKey,
                     Map<String, String> headers) {
        return placeOrderAt(orderInstance(instance), userId, productId, quantity, mode, idempotencyKey, headers);
    }

    /** Places an order at a base URL: an order-service instance, or a gateway. */
    Reply placeOrderAt(String baseUrl, long userId, long productId, int quantity, String mode, String idempotencyKey,
                       Map<String, String> headers) {
        String body = "{\"userId\":" + userId + ",\"productId\":" + productId + ",\"quantity\":" + quantity
                + (mode == null ? "" : ",\"mode\":\"" + mode + "\"") + "}";
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/orders"))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        headers.forEach(request::header);
        return send(request.build());
    }

    public Reply placeOrder(long userId, long productId, int quantity, String mode) {
        return placeOrder(0, userId, productId, quantity, mode, null, Map.of());
    }

    Reply get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build());
    }

    private static Reply send(HttpRequest request) {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
            return new Reply(response.statusCode(), body, response.headers().firstValue("Location").orElse(null));
        } catch (IOException e) {
            return new Reply(-1, JSON.createObjectNode().put("error", e.toString()), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public record Reply(int status, JsonNode body, String location) {
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
