package org.shopsuite.systemtest.cache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.shopsuite.systemtest.order.SuiteClient;
import org.shopsuite.testfixtures.TestInfrastructure;

/** Reads through both cache-gateway instances, as the public would; as an operator, who may read every balance. */
final class Gateways {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final List<String> baseUrls;
    private final TestInfrastructure infra;

    Gateways(TestInfrastructure infra) {
        this.infra = infra;
        this.baseUrls = List.of(infra.baseUrl(infra.service("cache-gateway-1")),
                infra.baseUrl(infra.service("cache-gateway-2")));
    }

    List<String> baseUrls() {
        return baseUrls;
    }

    Read get(String baseUrl, String path) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                    .header("Authorization", "Bearer " + infra.token(SuiteClient.OPERATOR, true))
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
            return new Read(response.statusCode(), body, response.headers().firstValue("X-Cache").orElse(""));
        } catch (IOException e) {
            return new Read(-1, JSON.createObjectNode().put("error", e.toString()), "");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    record Read(int status, JsonNode body, String cache) {
        @Override
        public String toString() {
            return status + " [" + cache + "] " + body;
        }
    }
}
