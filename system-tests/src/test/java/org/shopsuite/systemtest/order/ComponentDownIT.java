package org.shopsuite.systemtest.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.shopsuite.stack.Part;
import org.shopsuite.testfixtures.SuiteHttp.Reply;
import org.shopsuite.testfixtures.TestInfrastructure;

/** With a participant or the coordinator down, an order is refused with 503 and nothing changes anywhere. */
class ComponentDownIT {

    static final TestInfrastructure infra = TestInfrastructure.sharedSuite();
    static final SuiteClient client = new SuiteClient(infra);
    static final Ledger ledger = new Ledger(infra);

    @AfterEach
    void bringEverythingBack() {
        infra.restartStopped();
    }

    @ParameterizedTest
    @ValueSource(strings = {"XA:inventory-service", "TCC:inventory-service", "XA:account-service",
            "TCC:account-service", "XA:seata", "TCC:seata"})
    void orderIsRefusedWith503AndChangesNothing(String modeAndPart) {
        String mode = modeAndPart.split(":")[0];
        Part down = infra.stack().part(modeAndPart.split(":")[1]).orElseThrow();
        long user = ledger.newUser("100.00");
        long product = ledger.newProduct("2.50", 10);
        down.stop();

        Reply reply = client.placeOrder(user, product, 2, mode);

        assertThat(reply.status()).as(reply.toString()).isEqualTo(503);
        assertThat(reply.json().path("detail").asText()).isNotBlank();
        // which address could not be reached, and how it failed, is for the log, not the client
        ProblemBodies.assertNoInternals(reply.json());
        infra.restartStopped();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(ledger.balance(user)).isEqualByComparingTo("100.00");
            assertThat(ledger.stock(product)).isEqualTo(10);
            assertThat(ledger.frozen(user)).isEqualByComparingTo("0");
            assertThat(ledger.frozenStock(product)).isZero();
            assertThat(ledger.orderStatuses(user)).doesNotContain("SUCCESS", "PENDING");
            assertThat(ledger.preparedXa()).isEmpty();
        });
        // and once it is back, orders go through again, on both instances (each Seata client reconnects on its own,
        // up to 10 s after the coordinator is back; the next test must not meet one still reconnecting)
        for (int instance = 0; instance < 2; instance++) {
            int on = instance;
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                    client.placeOrder(on, user, product, 2, mode, null, Map.of()).status()).isEqualTo(201));
        }
    }
}
