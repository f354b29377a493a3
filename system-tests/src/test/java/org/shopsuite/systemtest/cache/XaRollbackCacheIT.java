package org.shopsuite.systemtest.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.shopsuite.systemtest.cache.CacheFreshnessIT.everyGatewayWithin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.shopsuite.stack.Probes;
import org.shopsuite.systemtest.order.SuiteClient;
import org.shopsuite.testfixtures.SuiteDatabase;
import org.shopsuite.testfixtures.SuiteHttp.Reply;
import org.shopsuite.testfixtures.TestInfrastructure;

/**
 * An XA order that is rolled back leaves no trace in any cache. Its row images reached the binlog at XA PREPARE; the
 * caches must show them only at XA COMMIT. Checked in Redis L2 and on both gateways, for the row the stock step
 * changed and for the row the debit step changed, and then for the real change that follows.
 */
class XaRollbackCacheIT {

    static final TestInfrastructure infra = TestInfrastructure.sharedSuite();
    static final Gateways gateways = new Gateways(infra);
    static final SuiteDatabase db = SuiteDatabase.asRoot(infra);
    static final SuiteClient orders = new SuiteClient(infra);
    static final Duration PROMISE = Duration.ofSeconds(1);
    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void binlogChainIsFlowing() {
        caughtUp(Duration.ofSeconds(60));
    }

    @Test
    void anOrderRolledBackAfterTheStockStepLeavesTheCachedStockAsItIs() {
        long user = db.newUser("5.00");
        long product = db.newProduct("Rolled back after stock", "10.00", 100);
        warm(user, product);

        Reply refused = orders.placeOrder(user, product, 2, "XA");

        assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
        assertThat(refused.problemSlug()).isEqualTo("insufficient-balance");
        caughtUp(PROMISE);
        assertCachesHold(user, "5.00", product, 100);

        db.update("inventory_db", "UPDATE inventory SET stock = 77 WHERE product_id = " + product);
        everyGatewayWithin(PROMISE, "/api/products/" + product, r -> r.json().path("stock").asInt() == 77);
        assertThat(l2("shop:product:" + product)).isEqualTo("77");
    }

    @Test
    void anOrderRolledBackAfterTheDebitStepLeavesTheCachedBalanceAndStockAsTheyAre() {
        long user = db.newUser("100.00");
        long product = db.newProduct("Rolled back after debit", "10.00", 100);
        warm(user, product);

        Reply failed = orders.placeOrder(0, user, product, 2, "XA", null,
                Map.of("X-Shop-Fault", "fail-after-branch:account-service"));

        assertThat(failed.status()).as(failed.toString()).isEqualTo(503);
        caughtUp(PROMISE);
        assertCachesHold(user, "100.00", product, 100);

        db.update("account_db", "UPDATE accounts SET balance = 42.00 WHERE user_id = " + user);
        everyGatewayWithin(PROMISE, "/api/accounts/" + user,
                r -> r.json().path("balance").decimalValue().compareTo(new BigDecimal("42.00")) == 0);
        assertThat(l2("shop:account:" + user)).isEqualTo("42.00");
    }

    /** The database, Redis L2 and both gateways agree on both rows. */
    private static void assertCachesHold(long user, String balance, long product, int stock) {
        assertThat(db.queryString("account_db", "SELECT balance FROM accounts WHERE user_id = " + user))
                .isEqualTo(balance);
        assertThat(db.queryString("inventory_db", "SELECT stock FROM inventory WHERE product_id = " + product))
                .isEqualTo(String.valueOf(stock));
        assertThat(l2("shop:account:" + user)).isEqualTo(balance);
        assertThat(l2("shop:product:" + product)).isEqualTo(String.valueOf(stock));
        for (String gateway : gateways.baseUrls()) {
            assertThat(gateways.get(gateway, "/api/accounts/" + user).json().path("balance").decimalValue())
                    .as(gateway).isEqualByComparingTo(balance);
            assertThat(gateways.get(gateway, "/api/products/" + product).json().path("stock").asInt())
                    .as(gateway).isEqualTo(stock);
        }
    }

    /** Reads both rows on both gateways, so they are cached in L1 and L2 before the order. */
    private static void warm(long user, long product) {
        for (String path : List.of("/api/accounts/" + user, "/api/products/" + product)) {
            everyGatewayWithin(Duration.ofSeconds(10), path, r -> r.status() == 200);
        }
    }

    /**
     * A change committed now is served by both gateways within the given time: the binlog is read in order, so
     * whatever the order wrote before it (its prepare and its rollback) has been read too.
     */
    private static void caughtUp(Duration within) {
        long marker = db.newProduct("Marker", "1.00", 1);
        everyGatewayWithin(within, "/api/products/" + marker, r -> r.status() == 200);
        db.update("inventory_db", "UPDATE inventory SET stock = 2 WHERE product_id = " + marker);
        everyGatewayWithin(within, "/api/products/" + marker, r -> r.json().path("stock").asInt() == 2);
    }

    /** The value (balance or stock) Redis L2 holds under the key, read on the master named now. */
    private static String l2(String key) {
        String[] master = infra.sentinels().get(0).masterAddress().orElseThrow().split(":");
        String json = Probes.redisAuthenticated(master[0], Integer.parseInt(master[1]), infra.redisPassword(), "GET", key).orElseThrow().get(0);
        try {
            JsonNode cached = JSON.readTree(json);
            String value = key.startsWith("shop:account:") ? cached.path("balance").asText()
                    : cached.path("stock").asText();
            return value;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("not JSON under " + key + ": " + json, e);
        }
    }
}
