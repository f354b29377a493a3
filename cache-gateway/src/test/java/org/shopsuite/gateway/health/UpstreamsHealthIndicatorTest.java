package org.shopsuite.gateway.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.shopsuite.gateway.catalog.CatalogProperties;
import org.shopsuite.gateway.order.OrderForwardingProperties;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

class UpstreamsHealthIndicatorTest {

    static final Duration SECOND = Duration.ofSeconds(1);

    @Test
    void downWhenNoUpstreamAnswers() {
        Health nothing = indicator(closedPort(), closedPort(), closedPort(), closedPort()).health();

        assertThat(nothing.getStatus()).isEqualTo(Status.DOWN);
        assertThat(nothing.getDetails()).containsOnlyKeys("order-service-1", "order-service-2", "inventory-service",
                "account-service");
        assertThat(detail(nothing, "account-service")).containsEntry("status", "DOWN");
        assertThat((String) detail(nothing, "account-service").get("reason")).startsWith("unreachable");
    }

    @Test
    void anUpstreamAnsweringWithA5xxIsDownNotReachable() throws IOException {
        HttpServer inventory = healthServer(503);
        try {
            Health health = indicator(closedPort(), closedPort(), urlOf(inventory), closedPort()).health();

            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(detail(health, "inventory-service")).containsEntry("status", "DOWN")
                    .containsEntry("reason", "health answered 503");
        } finally {
            inventory.stop(0);
        }
    }

    @Test
    void upWhileAnyUpstreamIsUpWithEachUpstreamsOwnStatus() throws IOException {
        HttpServer inventory = healthServer(200);
        HttpServer account = healthServer(503);
        try {
            Health health = indicator(closedPort(), closedPort(), urlOf(inventory), urlOf(account)).health();

            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(detail(health, "inventory-service")).containsEntry("status", "UP");
            assertThat(detail(health, "account-service")).containsEntry("status", "DOWN");
            assertThat(detail(health, "order-service-1")).containsEntry("status", "DOWN");
        } finally {
            inventory.stop(0);
            account.stop(0);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> detail(Health health, String upstream) {
        return (Map<String, Object>) health.getDetails().get(upstream);
    }

    private static HttpServer healthServer(int status) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/actuator/health", exchange -> {
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
        return server;
    }

    private static URI urlOf(HttpServer server) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private static UpstreamsHealthIndicator indicator(URI order1, URI order2, URI inventory, URI account) {
        return new UpstreamsHealthIndicator(new OrderForwardingProperties(List.of(order1, order2), SECOND, SECOND),
                new CatalogProperties(inventory, account, SECOND, SECOND));
    }

    private static URI closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
