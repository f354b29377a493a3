package org.shopsuite.canalsync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.shopsuite.cache.AccountView;
import org.shopsuite.cache.BinlogVersion;
import org.shopsuite.cache.CacheKey;
import org.shopsuite.cache.CachedRow;
import org.shopsuite.cache.CachedValue;
import org.shopsuite.cache.ProductView;
import org.shopsuite.cache.Tombstone;
import org.shopsuite.cache.VersionedCacheWriter;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Rows changed with plain SQL reach Redis L2 within the contract's 1 s and are announced; a value's version is its place
 * in the binlog, so an older image (a slow fill, a replay) never replaces a newer one, whatever SQL made them.
 */
class CacheFreshnessIT extends CanalSyncTestSupport {

    @Autowired
    VersionedCacheWriter writer;

    @Test
    void aProductUpdatedWithPlainSqlIsInRedisWithinOneSecondAndAnnounced() throws Exception {
        long id = db.newProduct("fresh-product", "10.00", 100);
        CacheKey key = CacheKey.product(id);
        long inserted = awaitCached(key, present(), FRESHNESS).version();

        long committed = sql("inventory_db", "UPDATE inventory SET stock = 99, price = 10.50 WHERE product_id = ?", id);

        CachedValue updated = awaitFresh(key, stock(99), committed);
        assertThat(updated.version()).isGreaterThan(inserted);
        assertThat(updated).isEqualTo(new ProductView(id, "fresh-product", new BigDecimal("10.50"), 99, updated.version()));
        await().atMost(FRESHNESS).until(() -> invalidations.received(key).contains(updated.version()));
        assertThat(redis.opsForValue().get(key.redisKey())).isEqualTo("{\"productId\":" + id
                + ",\"name\":\"fresh-product\",\"price\":\"10.50\",\"stock\":99,\"version\":" + updated.version() + "}");
    }

    @Test
    void anAccountUpdatedWithPlainSqlIsInRedisUnderItsUserIdWithinOneSecondAndAnnounced() throws Exception {
        long userId = db.newUser("1000.00");
        CacheKey key = CacheKey.account(userId);
        awaitCached(key, present(), FRESHNESS);

        long committed = sql("account_db",
                "UPDATE accounts SET balance = balance - 0.01, frozen = 0.01 WHERE user_id = ?", userId);

        CachedValue updated = awaitFresh(key, balance("999.99"), committed);
        await().atMost(FRESHNESS).until(() -> invalidations.received(key).contains(updated.version()));
    }

    @Test
    void aDeletedRowBecomesATombstoneAndANewRowAnEntry() throws Exception {
        long id = db.newProduct("short-lived", "3.00", 5);
        long committed = System.nanoTime();
        CacheKey key = CacheKey.product(id);
        awaitFresh(key, stock(5), committed);
        sql("inventory_db", "UPDATE inventory SET stock = 4 WHERE product_id = ?", id);
        long updated = awaitCached(key, stock(4), FRESHNESS).version();

        committed = sql("inventory_db", "DELETE FROM inventory WHERE product_id = ?", id);

        CachedValue tombstone = awaitCached(key, v -> v instanceof Tombstone, FRESHNESS);
        System.out.printf("[canal-sync] commit-to-Redis lag %.1f ms (%s delete)%n",
                (System.nanoTime() - committed) / 1e6, key);
        assertThat(tombstone.version()).isGreaterThan(updated);
        assertThat(redis.opsForValue().get(key.redisKey()))
                .isEqualTo("{\"deleted\":true,\"version\":" + tombstone.version() + "}");
        assertThat(redis.getExpire(key.redisKey())).isBetween(1L, 60L); // tombstones are short-lived
        await().atMost(FRESHNESS).until(() -> invalidations.received(key).contains(tombstone.version()));
    }

    @Test
    void aReinsertedRowReplacesItsTombstone() throws Exception {
        long id = db.newProduct("phoenix", "1.00", 1);
        CacheKey key = CacheKey.product(id);
        sql("inventory_db", "UPDATE inventory SET stock = 2 WHERE product_id = ?", id);
        sql("inventory_db", "DELETE FROM inventory WHERE product_id = ?", id);
        awaitCached(key, v -> v instanceof Tombstone, FRESHNESS);

        long committed = sql("inventory_db",
                "INSERT INTO inventory (product_id, product_name, price, stock) VALUES (?, 'phoenix', 1.50, 3)", id);

        assertThat(awaitFresh(key, stock(3), committed)).extracting("price").isEqualTo(new BigDecimal("1.50"));
    }

    @Test
    void aReplacedRowAndEveryChangeAfterItReachRedis() throws Exception {
        long id = db.newProduct("replaced", "1.00", 1);
        CacheKey key = CacheKey.product(id);
        for (int stock = 2; stock <= 4; stock++) {
            sql("inventory_db", "UPDATE inventory SET stock = ? WHERE product_id = ?", stock, id);
        }
        awaitCached(key, stock(4), FRESHNESS);

        long committed = sql("inventory_db",
                "REPLACE INTO inventory (product_id, product_name, price, stock) VALUES (?, 'replaced', 1.00, 42)", id);
        awaitFresh(key, stock(42), committed);
        committed = sql("inventory_db", "UPDATE inventory SET stock = 30 WHERE product_id = ?", id);
        awaitFresh(key, stock(30), committed);
    }

    @Test
    void aCacheFillThatReadBeforeAChangeNeverOverwritesWhatTheBinlogWrote() throws Exception {
        long id = db.newProduct("contended", "7.00", 10);
        CacheKey key = CacheKey.product(id);
        awaitCached(key, stock(10), FRESHNESS);
        // A gateway reads the row from its owner, in a snapshot at the binlog's position now ...
        ProductView readByGateway = new ProductView(id, "contended", new BigDecimal("7.00"), 10, snapshotNow());
        // ... the row changes and canal-sync writes it ...
        sql("inventory_db", "UPDATE inventory SET stock = 9 WHERE product_id = ?", id);
        CachedValue fromBinlog = awaitCached(key, stock(9), FRESHNESS);

        // ... and then the gateway's slow fill lands: refused.
        assertThat(writer.fill(CachedRow.of(readByGateway))).isFalse();
        assertThat(cached(key)).isEqualTo(fromBinlog);
    }

    @Test
    void aCacheFillNeverResurrectsADeletedRow() throws Exception {
        long id = db.newProduct("gone", "2.00", 2);
        CacheKey key = CacheKey.product(id);
        awaitCached(key, present(), FRESHNESS);
        ProductView readByGateway = new ProductView(id, "gone", new BigDecimal("2.00"), 2, snapshotNow());
        sql("inventory_db", "DELETE FROM inventory WHERE product_id = ?", id);
        CachedValue tombstone = awaitCached(key, v -> v instanceof Tombstone, FRESHNESS);

        assertThat(writer.fill(CachedRow.of(readByGateway))).isFalse();
        assertThat(cached(key)).isEqualTo(tombstone);
    }

    @Test
    void aCacheFillOfAnEvictedKeyIsReplacedByTheNextBinlogChange() throws Exception {
        long userId = db.newUser("50.00");
        CacheKey key = CacheKey.account(userId);
        awaitCached(key, present(), FRESHNESS);
        redis.delete(key.redisKey()); // evicted, expired, or Redis restarted empty

        AccountView readByGateway = new AccountView(userId, new BigDecimal("50.00"), snapshotNow());
        assertThat(writer.fill(CachedRow.of(readByGateway))).isTrue();
        sql("account_db", "UPDATE accounts SET balance = 40.00 WHERE user_id = ?", userId);

        awaitCached(key, balance("40.00"), FRESHNESS);
    }

    /** The version of a read whose snapshot stands at the binlog's head now, as an owning service's would. */
    private static long snapshotNow() {
        List<String> status = db.query("inventory_db", "SHOW MASTER STATUS",
                row -> row.getString("File") + ":" + row.getLong("Position"));
        return BinlogVersion.parseSnapshot(status.get(0)).orElseThrow();
    }
}
