package org.shopsuite.gateway.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.shopsuite.gateway.GatewayTestSupport;
import org.shopsuite.testfixtures.SuiteHttp;
import org.shopsuite.testfixtures.SuiteHttp.Reply;

/** Orders pass through the gateway to the order-service instances, and survive one of them being down. */
class OrderForwardingIT extends GatewayTestSupport {

    @Test
    void anOrderPlacedThroughTheGatewayComesBackAsOrderServiceAnsweredAndCanBeReadThroughIt() {
        long user = db.newUser("100.00");
        long product = db.newProduct("ordered", "2.50", 10);

        Reply placed = post("/api/orders", order(user, product, 2, "XA"), Map.of());

        assertThat(placed.status()).as(placed.toString()).isEqualTo(201);
        assertThat(placed.header("Content-Type")).startsWith("application/json");
        long orderId = placed.json().path("orderId").asLong();
        assertThat(placed.header("Location")).isEqualTo("/api/orders/" + orderId);
        assertThat(placed.json().path("status").asText()).isEqualTo("SUCCESS");
        assertThat(placed.json().path("amount").decimalValue()).isEqualByComparingTo("5.00");
        Reply read = get("/api/orders/" + orderId);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().path("orderId").asLong()).isEqualTo(orderId);
        assertThat(read.json().path("status").asText()).isEqualTo("SUCCESS");
    }

    @Test
    void theBalanceAndStockTheGatewayServesShowTheOrderWithinOneSecond() {
        long user = db.newUser("100.00");
        long product = db.newProduct("watched", "2.50", 10);
        assertThat(get("/api/accounts/" + user).status()).isEqualTo(200);
        assertThat(get("/api/products/" + product).status()).isEqualTo(200);

        assertThat(post("/api/orders", order(user, product, 4, "TCC"), Map.of()).status()).isEqualTo(201);

        await().atMost(FRESHNESS).pollInterval(Duration.ofMillis(5)).untilAsserted(() -> {
            assertThat(get("/api/accounts/" + user).json().path("balance").decimalValue())
                    .isEqualByComparingTo(new BigDecimal("90.00"));
            assertThat(get("/api/products/" + product).json().path("stock").asInt()).isEqualTo(6);
        });
    }

    @Test
    void orderServicesOwnAnswersPassThroughUnchanged() {
        Reply invalid = post("/api/orders", "{\"userId\":1,\"productId\":1,\"quantity\":0}", Map.of());
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.header("Content-Type")).startsWith("application/problem+json");
        assertThat(invalid.json().path("detail").asText()).contains("quantity");

        Reply unknown = get("/api/orders/999999999");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().path("title").asText()).isEqualTo("Order not found");
    }

    @Test
    void withOneOrderServiceInstanceStoppedEveryOrderStillGoesThrough() {
        long user = db.newUser("100.00");
        long product = db.newProduct("failover", "1.00", 100);
        infra.service("order-service-1").stop();
        try {
            // Round-robin sends every other request to the stopped instance first; its connection is refused (it never
            // reached anyone) and the other instance places it: one order each, under the key the gateway gave it.
            for (int i = 0; i < 4; i++) {
                Reply placed = post("/api/orders", order(user, product, 1, "XA"), Map.of());
                assertThat(placed.status()).as(placed.toString()).isEqualTo(201);
                assertThat(get(placed.header("Location")).status()).isEqualTo(200);
            }
            assertThat(db.queryLong("order_db", "SELECT COUNT(*) FROM orders WHERE user_id = ?", user)).isEqualTo(4);
        } finally {
            infra.restartStopped();
        }
    }

    @Test
    void aBodyOver64KiBIsRefusedWith413() {
        String tooLarge = "{\"userId\":1,\"productId\":1,\"quantity\":1,\"padding\":\"" + "x".repeat(64 * 1024) + "\"}";

        Reply declared = post("/api/orders", tooLarge, Map.of());
        Reply chunked = SuiteHttp.send(HttpRequest.newBuilder(URI.create(url("/api/orders")))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + infra.token(1, false))
                .POST(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(tooLarge.getBytes(StandardCharsets.UTF_8))))
                .build());

        for (Reply refused : new Reply[] {declared, chunked}) {
            assertThat(refused.status()).isEqualTo(413);
            assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
            assertThat(refused.json().path("type").asText()).endsWith("/payload-too-large");
        }
    }

    @Test
    void nothingButThePublicApiIsReachableThroughTheGateway() {
        for (String path : new String[] {"/internal/inventory/1/xa-deductions", "/internal/accounts/1/tcc-reservations",
                "/actuator/env", "/actuator/metrics", "/actuator/shutdown", "/api/orders/1/anything", "/"}) {
            Reply get = get(path);
            assertThat(get.status()).as(path).isEqualTo(404);
            assertThat(get.header("Content-Type")).as(path).startsWith("application/problem+json");
            assertThat(get.json().path("type").asText()).as(path).endsWith("/not-found");
        }
        Reply branch = post("/internal/inventory/1/xa-deductions", "{\"quantity\":1}", Map.of());
        assertThat(branch.status()).isEqualTo(404);
    }

    @Test
    void anInvalidIdempotencyKeyIsRefusedBeforeAnythingIsForwarded() {
        Reply refused = post("/api/orders", order(1, 1, 1, "XA"), Map.of("Idempotency-Key", "not valid!"));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().path("detail").asText()).contains("Idempotency-Key");
    }

    private static String order(long user, long product, int quantity, String mode) {
        return "{\"userId\":" + user + ",\"productId\":" + product + ",\"quantity\":" + quantity + ",\"mode\":\""
                + mode + "\"}";
    }
}
