package org.shopsuite.gateway.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.shopsuite.gateway.catalog.CatalogProperties;
import org.shopsuite.gateway.order.OrderForwardingProperties;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

class UpstreamsHealthIndicatorTest {

    static final Duration SECOND = Duration.ofSeconds(1);

    @Test
    void downOnlyWhenNoUpstreamAnswers() {
        Health nothing = indicator(closedPort(), closedPort(), closedPort(), closedPort()).health();

        assertThat(nothing.getStatus()).isEqualTo(Status.DOWN);
        assertThat(nothing.getDetails()).containsOnlyKeys("order-service-1", "order-service-2", "inventory-service",
                "account-service");
        assertThat((String) nothing.getDetails().get("account-service")).startsWith("unreachable");
    }

    @Test
    void upWhileAnyUpstreamAnswersEvenWithAnError() throws IOException {
        HttpServer inventory = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        inventory.createContext("/actuator/health", exchange -> {
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
        });
        inventory.start();
        try {
            URI up = URI.create("http://127.0.0.1:" + inventory.getAddress().getPort());
            Health health = indicator(closedPort(), closedPort(), up, closedPort()).health();

            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat((String) health.getDetails().get("inventory-service")).startsWith("reachable (health 503)");
        } finally {
            inventory.stop(0);
        }
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
