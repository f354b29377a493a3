package org.shopsuite.canalsync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.shopsuite.cache.AccountView;
import org.shopsuite.cache.CacheKey;
import org.shopsuite.cache.CachedRow;
import org.shopsuite.cache.ProductView;
import org.shopsuite.cache.Tombstone;
import org.shopsuite.cache.VersionedCacheWriter;
import org.springframework.beans.factory.annotation.Autowired;

/** Rows changed with plain SQL reach Redis L2, newer versions only, within the contract's 1 s, and are announced. */
class CacheFreshnessIT extends CanalSyncTestSupport {

    @Autowired
    VersionedCacheWriter writer;

    @Test
    void aProductUpdatedWithPlainSqlIsInRedisWithinOneSecondAndAnnounced() throws Exception {
        long id = db.newProduct("fresh-product", "10.00", 100);
        CacheKey key = CacheKey.product(id);
        awaitCached(key, v -> v.version() == 1, FRESHNESS);

        long committed = sql("inventory_db", "UPDATE inventory SET stock = 99, price = 10.50 WHERE product_id = ?", id);

        assertThat(awaitFresh(key, 2, committed))
                .isEqualTo(new ProductView(id, "fresh-product", new BigDecimal("10.50"), 99, 2));
        await().atMost(FRESHNESS).until(() -> invalidations.received(key).contains(2L));
        assertThat(redis.opsForValue().get(key.redisKey())).isEqualTo("{\"productId\":" + id
                + ",\"name\":\"fresh-product\",\"price\":\"10.50\",\"stock\":99,\"version\":2}");
    }

    @Test
    void anAccountUpdatedWithPlainSqlIsInRedisUnderItsUserIdWithinOneSecondAndAnnounced() throws Exception {
        long userId = db.newUser("1000.00");
        CacheKey key = CacheKey.account(userId);
        awaitCached(key, v -> v.version() == 1, FRESHNESS);

        long committed = sql("account_db",
                "UPDATE accounts SET balance = balance - 0.01, frozen = 0.01 WHERE user_id = ?", userId);

        assertThat(awaitFresh(key, 2, committed)).isEqualTo(new AccountView(userId, new BigDecimal("999.99"), 2));
        await().atMost(FRESHNESS).until(() -> invalidations.received(key).contains(2L));
    }

    @Test
    void aDeletedRowBecomesATombstoneAndANewRowAnEntry() throws Exception {
        long id = db.newProduct("short-lived", "3.00", 5);
        long committed = System.nanoTime();
        CacheKey key = CacheKey.product(id);
        assertThat(awaitFresh(key, 1, committed))
                .isEqualTo(new ProductView(id, "short-lived", new BigDecimal("3.00"), 5, 1));
        sql("inventory_db", "UPDATE inventory SET stock = 4 WHERE product_id = ?", id);
        awaitCached(key, v -> v.version() == 2, FRESHNESS);

        committed = sql("inventory_db", "DELETE FROM inventory WHERE product_id = ?", id);

        assertThat(awaitCached(key, v -> v instanceof Tombstone, FRESHNESS)).isEqualTo(new Tombstone(2));
        System.out.printf("[canal-sync] commit-to-Redis lag %.1f ms (%s delete)%n",
                (System.nanoTime() - committed) / 1e6, key);
        assertThat(redis.opsForValue().get(key.redisKey())).isEqualTo("{\"deleted\":true,\"version\":2}");
        assertThat(redis.getExpire(key.redisKey())).isBetween(1L, 60L); // tombstones are short-lived
        await().atMost(FRESHNESS).until(() -> invalidations.received(key).contains(2L));
    }

    @Test
    void aReinsertedRowReplacesItsTombstoneStartingAgainAtVersionOne() throws Exception {
        long id = db.newProduct("phoenix", "1.00", 1);
        CacheKey key = CacheKey.product(id);
        sql("inventory_db", "UPDATE inventory SET stock = 2 WHERE product_id = ?", id);
        sql("inventory_db", "DELETE FROM inventory WHERE product_id = ?", id);
        awaitCached(key, v -> v.equals(new Tombstone(2)), FRESHNESS);

        long committed = sql("inventory_db",
                "INSERT INTO inventory (product_id, product_name, price, stock) VALUES (?, 'phoenix', 1.50, 3)", id);

        assertThat(awaitFresh(key, 1, committed))
                .isEqualTo(new ProductView(id, "phoenix", new BigDecimal("1.50"), 3, 1));
    }

    @Test
    void aCacheFillWithAnOlderVersionNeverOverwritesWhatTheBinlogWrote() throws Exception {
        long id = db.newProduct("contended", "7.00", 10);
        CacheKey key = CacheKey.product(id);
        // A gateway reads the row from its owner at version 1 ...
        ProductView readByGateway = (ProductView) awaitCached(key, v -> v.version() == 1, FRESHNESS);
        // ... the row changes and canal-sync writes version 2 ...
        sql("inventory_db", "UPDATE inventory SET stock = 9 WHERE product_id = ?", id);
        ProductView fromBinlog = (ProductView) awaitCached(key, v -> v.version() == 2, FRESHNESS);

        // ... and then the gateway's slow fill with version 1 lands: refused.
        assertThat(writer.fill(CachedRow.of(readByGateway))).isFalse();
        assertThat(cached(key)).isEqualTo(fromBinlog);
    }

    @Test
    void aCacheFillNeverResurrectsADeletedRow() throws Exception {
        long id = db.newProduct("gone", "2.00", 2);
        CacheKey key = CacheKey.product(id);
        ProductView readByGateway = (ProductView) awaitCached(key, v -> v.version() == 1, FRESHNESS);
        sql("inventory_db", "DELETE FROM inventory WHERE product_id = ?", id);
        awaitCached(key, v -> v instanceof Tombstone, FRESHNESS);

        assertThat(writer.fill(CachedRow.of(readByGateway))).isFalse();
        ProductView evenANewerLookingOne = new ProductView(id, "gone", new BigDecimal("2.00"), 2, 7);
        assertThat(writer.fill(CachedRow.of(evenANewerLookingOne))).isFalse();
        assertThat(cached(key)).isEqualTo(new Tombstone(1));
    }

    @Test
    void aCacheFillOfAnEvictedKeyIsReplacedByTheNextBinlogChange() throws Exception {
        long userId = db.newUser("50.00");
        CacheKey key = CacheKey.account(userId);
        AccountView current = (AccountView) awaitCached(key, v -> v.version() == 1, FRESHNESS);
        redis.delete(key.redisKey()); // evicted, expired, or Redis restarted empty

        assertThat(writer.fill(CachedRow.of(current))).isTrue();
        sql("account_db", "UPDATE accounts SET balance = 40.00 WHERE user_id = ?", userId);

        assertThat(awaitCached(key, v -> v.version() == 2, FRESHNESS))
                .isEqualTo(new AccountView(userId, new BigDecimal("40.00"), 2));
    }
}
