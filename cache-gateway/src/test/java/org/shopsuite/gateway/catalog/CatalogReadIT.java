package org.shopsuite.gateway.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.shopsuite.cache.AccountView;
import org.shopsuite.cache.CacheKey;
import org.shopsuite.cache.CacheTtl;
import org.shopsuite.cache.CacheWrite;
import org.shopsuite.cache.CachedRow;
import org.shopsuite.cache.InvalidationMessage;
import org.shopsuite.cache.ProductView;
import org.shopsuite.cache.VersionedCacheWriter;
import org.shopsuite.gateway.GatewayTestSupport;
import org.shopsuite.gateway.cache.CacheMetrics;
import org.shopsuite.gateway.cache.L1Cache;
import org.shopsuite.gateway.cache.RowOwner;
import org.shopsuite.testfixtures.SuiteHttp;
import org.shopsuite.testfixtures.SuiteHttp.Reply;

/** Products and balances through the gateway: which level answers, with exactly the owner's body, and how fresh. */
class CatalogReadIT extends GatewayTestSupport {

    @Test
    void aColdProductIsAMissThenAnL1HitThenAfterLeavingL1AnL2Hit() {
        L1Cache.Mark before = l1.mark();
        long id = db.newProduct("levels", "10.00", 100);
        CacheKey key = CacheKey.product(id);
        awaitSynced(key, before);
        dropFromL2(key);
        String ownersBody = ownerBody("inventory-service", "/api/products/" + id);

        Reply miss = get("/api/products/" + id);
        Reply l1Hit = get("/api/products/" + id);
        l1.invalidate(key);
        Reply l2Hit = get("/api/products/" + id);

        assertThat(miss.status()).isEqualTo(200);
        assertThat(miss.cache()).isEqualTo("MISS");
        assertThat(l1Hit.cache()).isEqualTo("L1");
        assertThat(l2Hit.cache()).isEqualTo("L2");
        assertThat(ownersBody).isEqualTo("{\"productId\":" + id + ",\"name\":\"levels\",\"price\":10.00,\"stock\":100}");
        assertThat(miss.body()).isEqualTo(ownersBody);
        assertThat(l1Hit.body()).isEqualTo(ownersBody);
        assertThat(l2Hit.body()).isEqualTo(ownersBody);
        assertThat(miss.header("Content-Type")).startsWith("application/json");
        // the MISS filled L2, versioned by the binlog position of the owner's read (X-Binlog-Position)
        assertThat(inL2(key)).isInstanceOfSatisfying(ProductView.class, filled -> {
            assertThat(filled).isEqualTo(new ProductView(id, "levels", new BigDecimal("10.00"), 100, filled.version()));
            assertThat(filled.version()).isGreaterThan(RowOwner.UNKNOWN_VERSION);
        });
    }

    @Test
    void aBalanceGoesThroughTheSameLevelsWithTheOwnersBody() {
        L1Cache.Mark before = l1.mark();
        long userId = db.newUser("1000.00");
        CacheKey key = CacheKey.account(userId);
        awaitSynced(key, before);
        dropFromL2(key);

        Reply miss = get("/api/accounts/" + userId);
        Reply l1Hit = get("/api/accounts/" + userId);
        l1.invalidate(key);
        Reply l2Hit = get("/api/accounts/" + userId);

        String expected = "{\"userId\":" + userId + ",\"balance\":1000.00}";
        assertThat(ownerBody("account-service", "/api/accounts/" + userId)).isEqualTo(expected);
        assertThat(miss).extracting(Reply::cache, Reply::body).containsExactly("MISS", expected);
        assertThat(l1Hit).extracting(Reply::cache, Reply::body).containsExactly("L1", expected);
        assertThat(l2Hit).extracting(Reply::cache, Reply::body).containsExactly("L2", expected);
    }

    @Test
    void anInvalidationMessageEvictsL1AndTheNextReadTakesTheNewValueFromL2() {
        L1Cache.Mark before = l1.mark();
        long id = db.newProduct("announced", "3.00", 30);
        CacheKey key = CacheKey.product(id);
        awaitSynced(key, before);
        get("/api/products/" + id);
        assertThat(get("/api/products/" + id).cache()).isEqualTo("L1");

        // What canal-sync does on a change: the newer row into L2, then the broadcast.
        ProductView changed = new ProductView(id, "announced", new BigDecimal("3.50"), 29, inL2(key).version() + 1);
        new VersionedCacheWriter(redis, CacheTtl.DEFAULT).write(CacheWrite.change(CachedRow.of(changed)));
        redis.convertAndSend(InvalidationMessage.CHANNEL, InvalidationMessage.of(CachedRow.of(changed)).toJson());

        Reply fresh = await().atMost(FRESHNESS).pollInterval(Duration.ofMillis(5))
                .until(() -> get("/api/products/" + id), reply -> reply.json().path("stock").asInt() == 29);
        assertThat(fresh.cache()).isEqualTo("L2");
        assertThat(fresh.body()).isEqualTo("{\"productId\":" + id + ",\"name\":\"announced\",\"price\":3.50,\"stock\":29}");
    }

    @Test
    void aRowChangedWithPlainSqlIsServedNewWithinOneSecondAndTheOldValueNeverComesBack() {
        L1Cache.Mark before = l1.mark();
        long userId = db.newUser("500.00");
        CacheKey key = CacheKey.account(userId);
        awaitSynced(key, before);
        assertThat(get("/api/accounts/" + userId).json().path("balance").decimalValue()).isEqualByComparingTo("500.00");
        assertThat(get("/api/accounts/" + userId).cache()).isEqualTo("L1");

        db.update("account_db", "UPDATE accounts SET balance = 480.00 WHERE user_id = ?", userId);
        long changed = System.nanoTime();

        await().atMost(FRESHNESS).pollInterval(Duration.ofMillis(5)).until(() -> get("/api/accounts/" + userId)
                .json().path("balance").decimalValue().compareTo(new BigDecimal("480.00")) == 0);
        System.out.printf("[cache-gateway] commit-to-gateway lag %.1f ms (%s)%n", (System.nanoTime() - changed) / 1e6,
                key);
        for (int i = 0; i < 20; i++) {
            assertThat(get("/api/accounts/" + userId).body()).isEqualTo("{\"userId\":" + userId + ",\"balance\":480.00}");
        }
        assertThat(inL2(key)).isInstanceOfSatisfying(AccountView.class, cached -> assertThat(cached.balance())
                .isEqualByComparingTo("480.00"));
    }

    @Test
    void anUnknownProductIs404AndRememberedWithoutAskingTheOwnerAgain() {
        long id = db.unusedProductId();
        double ownerAsked = count(CacheMetrics.ORIGIN_LOADS, "kind", "product", "outcome", "not_found");

        Reply first = get("/api/products/" + id);
        Reply second = get("/api/products/" + id);

        assertThat(first.status()).isEqualTo(404);
        assertThat(first.header("Content-Type")).startsWith("application/problem+json");
        assertThat(first.json().path("type").asText()).endsWith("/not-found");
        assertThat(first.json().path("detail").asText()).isEqualTo("no product with id " + id);
        assertThat(first.cache()).isEqualTo("MISS");
        assertThat(second.status()).isEqualTo(404);
        assertThat(second.cache()).isEqualTo("L1");
        assertThat(count(CacheMetrics.ORIGIN_LOADS, "kind", "product", "outcome", "not_found"))
                .isEqualTo(ownerAsked + 1);
    }

    @Test
    void aProductThatWas404BecomesVisibleWithinOneSecondOfItsInsert() {
        long id = db.unusedProductId();
        assertThat(get("/api/products/" + id).status()).isEqualTo(404);
        assertThat(get("/api/products/" + id).cache()).isEqualTo("L1"); // remembered as absent

        db.update("inventory_db",
                "INSERT INTO inventory (product_id, product_name, price, stock) VALUES (?, 'late', 1.25, 3)", id);
        long inserted = System.nanoTime();

        Reply visible = await().atMost(FRESHNESS).pollInterval(Duration.ofMillis(5))
                .until(() -> get("/api/products/" + id), reply -> reply.status() == 200);
        System.out.printf("[cache-gateway] insert-to-gateway lag %.1f ms (product %d)%n",
                (System.nanoTime() - inserted) / 1e6, id);
        assertThat(visible.body()).isEqualTo("{\"productId\":" + id + ",\"name\":\"late\",\"price\":1.25,\"stock\":3}");
    }

    @Test
    void anUnknownAccountIs404AndNonsenseIdsAre400Or404() {
        Reply unknown = get("/api/accounts/" + (db.newUser("1.00") + 1_000_000));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().path("title").asText()).isEqualTo("Account not found");
        Reply notANumber = get("/api/products/abc");
        assertThat(notANumber.status()).isEqualTo(400);
        assertThat(notANumber.json().path("type").asText()).endsWith("/invalid-request");
        assertThat(get("/api/products/0").status()).isEqualTo(404);
        assertThat(get("/api/accounts/-1").status()).isEqualTo(404);
    }

    @Test
    void anUnreachableOwnerIs503WhileWhatTheCacheHoldsIsStillServed() {
        L1Cache.Mark before = l1.mark();
        long cached = db.newProduct("kept", "2.00", 2);
        long uncached = db.newProduct("unreachable", "2.00", 2);
        awaitSynced(CacheKey.product(cached), before);
        awaitSynced(CacheKey.product(uncached), before);
        dropFromL2(CacheKey.product(uncached));
        infra.service("inventory-service").stop();
        try {
            Reply down = get("/api/products/" + uncached);
            assertThat(down.status()).isEqualTo(503);
            assertThat(down.header("Content-Type")).startsWith("application/problem+json");
            assertThat(down.json().path("type").asText()).endsWith("/service-unavailable");
            assertThat(down.json().path("detail").asText()).contains("inventory-service")
                    .doesNotContain("http://", infra.host(), "Exception"); // the address and the error are logged
            assertThat(down.json().path("traceId").asText()).as("the id of that log line").isNotBlank();
            assertThat(get("/api/products/" + cached).status()).isEqualTo(200);
        } finally {
            infra.restartStopped();
        }
    }

    /** What the owning service itself answers, asked as an operator. */
    private String ownerBody(String service, String path) {
        return SuiteHttp.send(SuiteHttp.get(infra.baseUrl(infra.service(service)) + path, infra.token(OPERATOR, true),
                Duration.ofSeconds(30))).body();
    }
}
