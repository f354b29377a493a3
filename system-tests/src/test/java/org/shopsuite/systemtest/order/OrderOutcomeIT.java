package org.shopsuite.systemtest.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.shopsuite.stack.Part;
import org.shopsuite.testfixtures.SuiteHttp.Reply;
import org.shopsuite.testfixtures.TestInfrastructure;

/**
 * Outcomes the service cannot know when it answers: the commit was decided (or sent) but phase two did not finish.
 * Such an order is answered 202 PENDING with its Location, never 503 ("nothing happened"), and converges to
 * SUCCESS or FAILED once the coordinator is done; its Idempotency-Key finds it and repeats answer its outcome.
 */
class OrderOutcomeIT {

    static final TestInfrastructure infra = TestInfrastructure.sharedSuite();
    static final SuiteClient client = new SuiteClient(infra);
    static final Ledger ledger = new Ledger(infra);

    /** Holds the global transaction after its steps, before its commit (order-service's test hook). */
    static final Map<String, String> PAUSE_BEFORE_COMMIT = Map.of("X-Shop-Fault",
            "pause-before-commit:order-service:6000");

    @AfterEach
    void bringEverythingBack() {
        infra.restartStopped();
        // A restarted part takes a while to be back in the coordinator's view: orders work again in both modes.
        long user = ledger.newUser("100.00");
        long product = ledger.newProduct("1.00", 10);
        for (String mode : new String[] {"XA", "TCC"}) {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(client.placeOrder(user, product, 1, mode).status()).isEqualTo(201));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"XA", "TCC"})
    void participantGoneAtCommitAnswers202AndTheOrderSucceedsOnceItIsBack(String mode) throws Exception {
        long user = ledger.newUser("100.00");
        long product = ledger.newProduct("2.50", 10);
        String key = "outcome-participant-" + mode + "-" + user;

        CompletableFuture<Reply> placing = CompletableFuture.supplyAsync(() -> client.placeOrder(0, user,
                product, 4, mode, key, PAUSE_BEFORE_COMMIT));
        awaitAllStepsDone(mode, user);
        // account-service dies with its part done: the coordinator cannot commit its branch until it is back.
        infra.service("account-service").kill();
        Reply reply = placing.get();

        assertThat(reply.status()).as(reply.toString()).isEqualTo(202);
        assertThat(reply.json().path("status").asText()).isEqualTo("PENDING");
        long orderId = reply.json().path("orderId").asLong();
        assertThat(reply.header("Location")).isEqualTo("/api/orders/" + orderId);
        // Read back: PENDING, or already SUCCESS once the coordinator committed the order's own branch (XA): the
        // global outcome is decided then, and account-service's branch is committed when it is back.
        assertThat(order(reply.header("Location")).json().path("status").asText()).isIn("PENDING", "SUCCESS");
        Reply byKey = client.get(client.orderInstance(1) + "/api/orders?idempotencyKey=" + key);
        assertThat(byKey.status()).as(byKey.toString()).isEqualTo(200);
        assertThat(byKey.json().path("orderId").asLong()).isEqualTo(orderId);
        // Repeated with its key (on the other instance): the same order, as it is now. The coordinator may already
        // have committed the order's own branch (XA), which makes it SUCCESS; never a second order, never a 409.
        Reply repeatWhilePending = client.placeOrder(1, user, product, 4, mode, key, Map.of());
        assertThat(repeatWhilePending.status()).as(repeatWhilePending.toString()).isIn(201, 202);
        assertThat(repeatWhilePending.json().path("status").asText())
                .isEqualTo(repeatWhilePending.status() == 202 ? "PENDING" : "SUCCESS");
        assertThat(repeatWhilePending.json().path("orderId").asLong()).isEqualTo(orderId);

        infra.restartStopped();
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                assertThat(order(reply.header("Location")).json().path("status").asText()).isEqualTo("SUCCESS"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(ledger.balance(user)).isEqualByComparingTo("90.00");
            assertThat(ledger.stock(product)).isEqualTo(6);
            assertThat(ledger.frozen(user)).isEqualByComparingTo("0");
            assertThat(ledger.frozenStock(product)).isZero();
            assertThat(ledger.preparedXa()).isEmpty();
        });
        assertThat(ledger.orderStatuses(user)).containsExactly("SUCCESS");
        Reply repeatAfter = client.placeOrder(0, user, product, 4, mode, key, Map.of());
        assertThat(repeatAfter.status()).as(repeatAfter.toString()).isEqualTo(201);
        assertThat(repeatAfter.json().path("orderId").asLong()).isEqualTo(orderId);
    }

    @ParameterizedTest
    @ValueSource(strings = {"XA", "TCC"})
    void coordinatorGoneAtCommitAnswers202AndTheOrderSettlesConsistently(String mode) throws Exception {
        long user = ledger.newUser("100.00");
        long product = ledger.newProduct("2.50", 10);
        String key = "outcome-coordinator-" + mode + "-" + user;
        Part coordinator = infra.stack().part("seata").orElseThrow();

        CompletableFuture<Reply> placing = CompletableFuture.supplyAsync(() -> client.placeOrder(0, user,
                product, 4, mode, key, PAUSE_BEFORE_COMMIT));
        awaitAllStepsDone(mode, user);
        // The commit cannot be delivered: order-service cannot know whether the coordinator took it.
        coordinator.stop();
        Reply reply = placing.get();

        assertThat(reply.status()).as(reply.toString()).isEqualTo(202);
        assertThat(reply.json().path("status").asText()).isEqualTo("PENDING");
        assertThat(reply.header("Location")).isEqualTo("/api/orders/" + reply.json().path("orderId").asLong());

        infra.restartStopped();
        await().atMost(Duration.ofSeconds(120)).untilAsserted(() ->
                assertThat(order(reply.header("Location")).json().path("status").asText()).isIn("SUCCESS", "FAILED"));
        String settled = order(reply.header("Location")).json().path("status").asText();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(ledger.preparedXa()).isEmpty();
            assertThat(ledger.frozen(user)).isEqualByComparingTo("0");
            assertThat(ledger.frozenStock(product)).isZero();
            // whatever the coordinator decided, it happened everywhere or nowhere, and the order says which
            assertThat(ledger.balance(user)).isEqualByComparingTo(settled.equals("SUCCESS") ? "90.00" : "100.00");
            assertThat(ledger.stock(product)).isEqualTo(settled.equals("SUCCESS") ? 6 : 10);
        });
        Reply repeat = client.placeOrder(1, user, product, 4, mode, key, Map.of());
        assertThat(repeat.status()).as(repeat.toString()).isEqualTo(settled.equals("SUCCESS") ? 201 : 409);
    }

    @org.junit.jupiter.api.Test
    void aResendThroughTheGatewayAfterTheInstanceDiedMidOrderAnswersTheOrdersOutcome() throws Exception {
        long user = ledger.newUser("100.00");
        long product = ledger.newProduct("2.50", 10);
        String key = "outcome-resend-" + user;

        CompletableFuture<Reply> placing = CompletableFuture.supplyAsync(() -> client.placeOrder(0, user,
                product, 4, "XA", key, PAUSE_BEFORE_COMMIT));
        awaitAllStepsDone("XA", user);
        // order-service-1 dies holding the order (and its user's lock): what a gateway's resend runs into
        infra.service("order-service-1").kill();
        assertThat(placing.get().status()).isEqualTo(-1);

        Reply resent = client.placeOrderAt(client.gateway(0), user, product, 4, "XA", key, Map.of());
        assertThat(resent.status()).as(resent.toString()).isEqualTo(202);
        assertThat(resent.json().path("status").asText()).isEqualTo("PENDING");
        long orderId = resent.json().path("orderId").asLong();

        // never committed: the coordinator rolls it back at its timeout, and the order settles as FAILED
        infra.restartStopped();
        await().atMost(Duration.ofSeconds(120)).untilAsserted(() ->
                assertThat(order("/api/orders/" + orderId).json().path("status").asText()).isEqualTo("FAILED"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(ledger.preparedXa()).isEmpty();
            assertThat(ledger.balance(user)).isEqualByComparingTo("100.00");
            assertThat(ledger.stock(product)).isEqualTo(10);
        });
        Reply settled = client.placeOrderAt(client.gateway(1), user, product, 4, "XA", key, Map.of());
        assertThat(settled.status()).as(settled.toString()).isEqualTo(409);
        assertThat(settled.problemSlug()).isEqualTo("order-failed");
    }

    /** XA: the three branches are prepared; TCC: the three tries are done (the order's try sets its amount). */
    private static void awaitAllStepsDone(String mode, long user) {
        await().atMost(Duration.ofSeconds(30)).until(() -> mode.equals("XA")
                ? ledger.preparedXa().size() == 3
                : ledger.amountOfOrders(user).compareTo(BigDecimal.ZERO) > 0);
    }

    private static Reply order(String location) {
        return client.get(client.orderInstance(1) + location);
    }
}
