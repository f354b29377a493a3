package org.shopsuite.gateway.cache;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.shopsuite.testfixtures.SuiteHttp;
import org.shopsuite.testfixtures.SuiteHttp.Reply;
import org.shopsuite.testfixtures.TestInfrastructure;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A gateway whose Redis sentinels can't be reached starts anyway, reports it, and serves from the owners: without Redis
 * no watermark tells it the change stream reached its caches, so it does not use even L1.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "shop.cache.l1.ttl=1m")
@DirtiesContext // a context of its own, not worth keeping (it would go on trying to reach its Redis)
class StartWithoutRedisIT {

    static final TestInfrastructure infra = TestInfrastructure.sharedSuite();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void suiteWithoutRedis(DynamicPropertyRegistry registry) {
        registry.add("SHOP_AUTH_ISSUER", () -> infra.settings().authIssuer());
        registry.add("spring.data.redis.sentinel.nodes", () -> "127.0.0.1:" + closedPort());
        registry.add("spring.data.redis.password", infra::redisPassword);
        registry.add("spring.data.redis.sentinel.password", infra::redisPassword);
        registry.add("shop.catalog.inventory-url", () -> infra.baseUrl(infra.service("inventory-service")));
        registry.add("shop.catalog.account-url", () -> infra.baseUrl(infra.service("account-service")));
        registry.add("shop.orders.urls", () -> infra.baseUrl(infra.service("order-service-1")));
    }

    @Test
    void itStartsReportsRedisUnreachableButStaysUpAndReadsComeFromTheOwners() {
        Reply product = get("/api/products/1");
        Reply again = get("/api/products/1");
        JsonNode health = get("/actuator/health").json();

        assertThat(product.status()).isEqualTo(200);
        assertThat(product.cache()).isEqualTo("MISS");
        assertThat(product.json().path("name").asText()).isEqualTo("Product A");
        assertThat(again.cache()).isEqualTo("MISS");
        assertThat(health.path("status").asText()).isEqualTo("UP");
        JsonNode l2 = health.path("components").path("l2Cache").path("details");
        assertThat(l2.path("redis").asText()).startsWith("unreachable");
        assertThat(l2.path("invalidations").asText()).isEqualTo("not subscribed");
        JsonNode changeStream = health.path("components").path("changeStream");
        assertThat(changeStream.path("status").asText()).isEqualTo("UP");
        assertThat(changeStream.path("details").path("caches").asText()).startsWith("not used");
        assertThat(changeStream.path("details").path("why").asText()).contains("no watermark");
    }

    private Reply get(String path) {
        // as an operator: health details are for shop.admin only
        return SuiteHttp.send(SuiteHttp.get("http://127.0.0.1:" + port + path, infra.token(999_999_999L, true),
                Duration.ofSeconds(30)));
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
