package org.shopsuite.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.shopsuite.stack.Probes;
import org.shopsuite.systemtest.order.Ledger;
import org.shopsuite.systemtest.order.SuiteClient;
import org.shopsuite.testfixtures.TestInfrastructure;

/** Health tells the truth: a service that cannot reach the coordinator is DOWN, and a gateway sees it so. */
class HealthIT {

    static final TestInfrastructure infra = TestInfrastructure.sharedSuite();
    static final ObjectMapper JSON = new ObjectMapper();
    static final SuiteClient orders = new SuiteClient(infra);
    static final Ledger ledger = new Ledger(infra);
    static final List<String> TRANSACTIONAL = List.of("account-service", "inventory-service", "order-service-1",
            "order-service-2");

    @AfterEach
    void bringEverythingBack() {
        infra.restartStopped();
    }

    @Test
    void withoutTheCoordinatorEveryTransactionalServiceIsDownAndTheGatewaysSeeIt() {
        infra.seata().stop();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (String service : TRANSACTIONAL) {
                assertThat(healthStatus(service)).as(service).isEqualTo(503);
            }
        });
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode upstreams = gatewayHealth().path("components").path("upstreams");
            assertThat(upstreams.path("status").asText()).isEqualTo("DOWN");
            for (String service : TRANSACTIONAL) {
                assertThat(upstreams.path("details").path(service).path("status").asText()).as(service)
                        .isEqualTo("DOWN");
                assertThat(upstreams.path("details").path(service).path("reason").asText()).as(service)
                        .isEqualTo("health answered 503");
            }
        });

        infra.restartStopped();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (String service : TRANSACTIONAL) {
                assertThat(healthStatus(service)).as(service).isEqualTo(200);
            }
            assertThat(gatewayHealth().path("components").path("upstreams").path("status").asText()).isEqualTo("UP");
        });
        // each instance's Seata client reconnects on its own: the next test must find orders working on both
        long user = ledger.newUser("100.00");
        long product = ledger.newProduct("1.00", 10);
        for (int instance = 0; instance < 2; instance++) {
            int on = instance;
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                    orders.placeOrder(on, user, product, 1, "XA", null, Map.of()).status()).isEqualTo(201));
        }
    }

    private static int healthStatus(String service) {
        return Probes.httpStatus(infra.baseUrl(infra.service(service)) + "/actuator/health");
    }

    /** As an operator: only shop.admin sees what is down and why. */
    private static JsonNode gatewayHealth() {
        return orders.get(infra.baseUrl(infra.service("cache-gateway-1")) + "/actuator/health").json();
    }
}
