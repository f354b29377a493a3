package org.shopsuite.systemtest.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.shopsuite.stack.ServicePart;
import org.shopsuite.testfixtures.SuiteDatabase;
import org.shopsuite.testfixtures.SuiteHttp.Reply;
import org.shopsuite.testfixtures.TestInfrastructure;

/**
 * The freshness promise, end to end: MariaDB binlog -> Canal server -> canal-sync -> Redis L2 + invalidation ->
 * both gateway instances. Rows are changed with plain SQL, as an operator would.
 */
class CacheFreshnessIT {

    static final TestInfrastructure infra = TestInfrastructure.sharedSuite();
    static final Gateways gateways = new Gateways(infra);
    static final SuiteDatabase db = SuiteDatabase.asRoot(infra);
    static final Duration PROMISE = Duration.ofSeconds(1);

    /**
     * The promise is about a running suite: right after start-up the chain's first event is slow (the Canal instance
     * starts dumping, connections open, JITs are cold). One change is let through first, with time to spare.
     */
    @BeforeAll
    static void binlogChainIsFlowing() {
        long product = db.newProduct("Warm-up", "1.00", 1);
        db.update("inventory_db", "UPDATE inventory SET stock = 2 WHERE product_id = " + product);
        everyGatewayWithin(Duration.ofSeconds(60), "/api/products/" + product,
                r -> r.status() == 200 && r.json().path("stock").asInt() == 2);
    }

    @Test
    void plainSqlUpdatesOfAProductAndAnAccountAreServedByBothGatewaysWithinOneSecond() {
        long product = db.newProduct("Fresh", "4.00", 10);
        long user = db.newUser("50.00");
        warm("/api/products/" + product);
        warm("/api/accounts/" + user);

        db.update("inventory_db", "UPDATE inventory SET stock = 3, price = 4.50 WHERE product_id = " + product);
        db.update("account_db", "UPDATE accounts SET balance = 42.00 WHERE user_id = " + user);

        everyGatewayWithin(PROMISE, "/api/products/" + product,
                r -> r.status() == 200 && r.json().path("stock").asInt() == 3
                        && r.json().path("price").decimalValue().compareTo(new java.math.BigDecimal("4.50")) == 0);
        everyGatewayWithin(PROMISE, "/api/accounts/" + user,
                r -> r.status() == 200 && r.json().path("balance").decimalValue().compareTo(new java.math.BigDecimal("42.00")) == 0);
    }

    @Test
    void deletedRowTurnsInto404OnBothGateways() {
        long product = db.newProduct("Doomed", "1.00", 1);
        warm("/api/products/" + product);

        db.update("inventory_db", "DELETE FROM inventory WHERE product_id = " + product);

        everyGatewayWithin(PROMISE, "/api/products/" + product, r -> r.status() == 404);
    }

    @Test
    void insertedProductThatWasCachedAs404BecomesVisible() {
        long product = db.unusedProductId();
        for (String gateway : gateways.baseUrls()) {
            assertThat(gateways.get(gateway, "/api/products/" + product).status()).isEqualTo(404);
        }

        db.update("inventory_db", "INSERT INTO inventory (product_id, product_name, price, stock) VALUES ("
                + product + ", 'Late', 2.00, 5)");

        everyGatewayWithin(PROMISE, "/api/products/" + product,
                r -> r.status() == 200 && "Late".equals(r.json().path("name").asText()));
    }

    @Test
    void updatesMadeWhileCanalSyncIsStoppedReachTheCachesAfterItStarts() {
        long product = db.newProduct("Paused", "1.00", 10);
        long user = db.newUser("10.00");
        warm("/api/products/" + product);
        warm("/api/accounts/" + user);
        ServicePart canalSync = infra.service("canal-sync");

        canalSync.stop();
        db.update("inventory_db", "UPDATE inventory SET stock = 9 WHERE product_id = " + product);
        db.update("inventory_db", "UPDATE inventory SET stock = 8 WHERE product_id = " + product);
        db.update("account_db", "UPDATE accounts SET balance = 7.00 WHERE user_id = " + user);
        infra.restartStopped();

        everyGatewayWithin(Duration.ofSeconds(10), "/api/products/" + product,
                r -> r.status() == 200 && r.json().path("stock").asInt() == 8);
        everyGatewayWithin(Duration.ofSeconds(10), "/api/accounts/" + user,
                r -> r.status() == 200 && r.json().path("balance").decimalValue().compareTo(new java.math.BigDecimal("7.00")) == 0);
        // and a replayed or late event never brings an older value back
        db.update("inventory_db", "UPDATE inventory SET stock = 6 WHERE product_id = " + product);
        everyGatewayWithin(PROMISE, "/api/products/" + product, r -> r.json().path("stock").asInt() == 6);
        for (int i = 0; i < 20; i++) {
            for (String gateway : gateways.baseUrls()) {
                assertThat(gateways.get(gateway, "/api/products/" + product).json().path("stock").asInt()).isEqualTo(6);
            }
        }
    }

    /** Reads the path on every gateway until it is cached there. */
    private static void warm(String path) {
        for (String gateway : gateways.baseUrls()) {
            await().atMost(Duration.ofSeconds(10)).until(() -> gateways.get(gateway, path).status() == 200);
            gateways.get(gateway, path);
        }
    }

    /** Every gateway serves what {@code fresh} accepts within the given time, and keeps serving it. */
    static void everyGatewayWithin(Duration within, String path, Predicate<Reply> fresh) {
        for (String gateway : gateways.baseUrls()) {
            await().atMost(within).pollInterval(Duration.ofMillis(20))
                    .untilAsserted(() -> assertThat(gateways.get(gateway, path)).matches(fresh));
        }
        for (String gateway : gateways.baseUrls()) {
            assertThat(gateways.get(gateway, path)).as("no older value reappears on " + gateway).matches(fresh);
        }
    }
}
