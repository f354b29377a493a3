package org.shopsuite.canalsync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.shopsuite.cache.AccountView;
import org.shopsuite.cache.CacheKey;
import org.shopsuite.cache.CacheWrite;
import org.shopsuite.cache.CachedRow;
import org.shopsuite.cache.CachedValue;
import org.shopsuite.cache.ProductView;
import org.shopsuite.cache.VersionedCacheWriter;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;

/** Rows changed while canal-sync is stopped all reach Redis once it runs again; replays leave the newest version. */
class FollowerRestartIT extends CanalSyncTestSupport {

    @Autowired
    BinlogFollower follower;

    @Autowired
    VersionedCacheWriter writer;

    @Autowired
    TestRestTemplate http;

    @Test
    void everyChangeMadeWhileStoppedReachesRedisAfterTheRestart() throws Exception {
        long product = cachedProduct("while-stopped", "5.00", 10);
        long user = cachedAccount("100.00");
        CacheKey productKey = CacheKey.product(product);
        CacheKey accountKey = CacheKey.account(user);

        follower.stop();
        try {
            assertThat(follower.isRunning()).isFalse();
            assertThat(health()).containsEntry("status", "DOWN");
            for (int stock = 9; stock >= 7; stock--) {
                sql("inventory_db", "UPDATE inventory SET stock = ? WHERE product_id = ?", stock, product);
            }
            sql("account_db", "UPDATE accounts SET balance = 90.00 WHERE user_id = ?", user);
            sql("account_db", "UPDATE accounts SET balance = 80.00 WHERE user_id = ?", user);
            assertThat(cached(productKey)).as("nothing moves while stopped").matches(stock(10));
        } finally {
            follower.start();
        }

        long restarted = System.nanoTime();
        ProductView latest = (ProductView) awaitCached(productKey, stock(7), RECOVERY);
        CachedValue latestAccount = awaitCached(accountKey, balance("80.00"), RECOVERY);
        System.out.printf("[canal-sync] caught up %.1f ms after the restart%n", (System.nanoTime() - restarted) / 1e6);
        // announced, at the newest place (a batch writes only a row's last change in it)
        await().atMost(FRESHNESS).untilAsserted(() -> {
            assertThat(java.util.Collections.max(invalidations.received(productKey))).isEqualTo(latest.version());
            assertThat(java.util.Collections.max(invalidations.received(accountKey)))
                    .isEqualTo(latestAccount.version());
        });

        // Canal hands out unacked batches again after a reconnect: replays of older or the same places change nothing
        ProductView earlier = new ProductView(product, "while-stopped", new BigDecimal("5.00"), 9, latest.version() - 1);
        assertThat(writer.write(CacheWrite.change(CachedRow.of(earlier)))).isFalse();
        assertThat(writer.write(CacheWrite.change(CachedRow.of(latest)))).isFalse();
        assertThat(cached(productKey)).isEqualTo(latest);
        await().atMost(FRESHNESS).until(() -> "UP".equals(health().get("status")));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> health() {
        Map<String, Object> health = http.getForObject("/actuator/health", Map.class);
        return (Map<String, Object>) ((Map<String, Object>) health.get("components")).get("canalSync");
    }
}
