package org.shopsuite.systemtest.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.shopsuite.testfixtures.SuiteHttp.Reply;
import org.shopsuite.testfixtures.TestInfrastructure;

/**
 * One order as one global transaction over order-, account- and inventory-service (real processes, real coordinator),
 * in each mode: it commits everywhere, or it changes nothing anywhere.
 */
class OrderTransactionIT {

    static final TestInfrastructure infra = TestInfrastructure.sharedSuite();
    static final SuiteClient client = new SuiteClient(infra);
    static final Ledger ledger = new Ledger(infra);

    @ParameterizedTest
    @ValueSource(strings = {"XA", "TCC"})
    void placedOrderChargesTheUserAndTakesTheStock(String mode) {
        long user = ledger.newUser("100.00");
        long product = ledger.newProduct("2.50", 10);

        Reply reply = client.placeOrder(user, product, 4, mode);

        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        assertThat(reply.json().path("status").asText()).isEqualTo("SUCCESS");
        assertThat(reply.json().path("mode").asText()).isEqualTo(mode);
        assertThat(reply.json().path("amount").decimalValue()).isEqualByComparingTo("10.00");
        assertThat(reply.header("Location")).isEqualTo("/api/orders/" + reply.json().path("orderId").asLong());
        assertThat(ledger.balance(user)).isEqualByComparingTo("90.00");
        assertThat(ledger.stock(product)).isEqualTo(6);
        assertNoReservationsLeft(user, product);
        assertThat(client.get(client.orderInstance(1) + reply.header("Location")).json().path("status").asText())
                .isEqualTo("SUCCESS");
    }

    @ParameterizedTest
    @ValueSource(strings = {"XA", "TCC"})
    void insufficientBalanceRollsEverythingBackAndKeepsTheAttempt(String mode) {
        long user = ledger.newUser("5.00");
        long product = ledger.newProduct("2.50", 10);

        Reply reply = client.placeOrder(user, product, 4, mode);

        assertThat(reply.status()).as(reply.toString()).isEqualTo(409);
        assertThat(reply.problemSlug()).isEqualTo("insufficient-balance");
        assertUnchanged(user, "5.00", product, 10);
        assertThat(ledger.orderStatuses(user)).containsExactly("FAILED");
        assertThat(ledger.failureReasons(user).get(0)).startsWith("insufficient-balance");
    }

    @ParameterizedTest
    @ValueSource(strings = {"XA", "TCC"})
    void outOfStockRollsEverythingBackAndKeepsTheAttempt(String mode) {
        long user = ledger.newUser("100.00");
        long product = ledger.newProduct("2.50", 3);

        Reply reply = client.placeOrder(user, product, 4, mode);

        assertThat(reply.status()).as(reply.toString()).isEqualTo(409);
        assertThat(reply.problemSlug()).isEqualTo("out-of-stock");
        assertUnchanged(user, "100.00", product, 3);
        assertThat(ledger.orderStatuses(user)).containsExactly("FAILED");
        assertThat(ledger.failureReasons(user).get(0)).startsWith("out-of-stock");
    }

    @ParameterizedTest
    @ValueSource(strings = {"XA:account-service", "XA:inventory-service", "TCC:account-service",
            "TCC:inventory-service"})
    void participantFailingAfterItsBranchRegisteredRollsEverythingBack(String modeAndParticipant) {
        String mode = modeAndParticipant.split(":")[0];
        String participant = modeAndParticipant.split(":")[1];
        long user = ledger.newUser("100.00");
        long product = ledger.newProduct("2.50", 10);

        Reply reply = client.placeOrder(0, user, product, 4, mode, null,
                Map.of("X-Shop-Fault", "fail-after-branch:" + participant));

        assertThat(reply.status()).as(reply.toString()).isEqualTo(503);
        assertUnchanged(user, "100.00", product, 10);
        assertThat(ledger.orderStatuses(user)).doesNotContain("SUCCESS", "PENDING");
        // Inside, the participant's client method answered 500 with a message of its own: the body says neither,
        // and names the order, which order-service logged the failure under.
        ProblemBodies.assertNoInternals(reply.json());
        assertThat(reply.json().path("orderId").isIntegralNumber()).as(reply.toString()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"XA", "TCC"})
    void unknownUserOrProductIsNotFoundAndChangesNothing(String mode) {
        long user = ledger.newUser("100.00");
        long product = ledger.newProduct("2.50", 10);

        assertThat(client.placeOrder(user, 999_999_999L, 1, mode).status()).isEqualTo(404);
        assertThat(client.placeOrder(999_999_999L, product, 1, mode).status()).isEqualTo(404);

        assertUnchanged(user, "100.00", product, 10);
    }

    private static void assertUnchanged(long user, String balance, long product, int stock) {
        // Phase two of a rollback may still be running when the response arrives; it must end here.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(ledger.balance(user)).isEqualByComparingTo(balance);
            assertThat(ledger.stock(product)).isEqualTo(stock);
            assertNoReservationsLeft(user, product);
        });
    }

    private static void assertNoReservationsLeft(long user, long product) {
        assertThat(ledger.frozen(user)).isEqualByComparingTo("0");
        assertThat(ledger.frozenStock(product)).isZero();
        assertThat(ledger.preparedXa()).isEmpty();
    }
}
