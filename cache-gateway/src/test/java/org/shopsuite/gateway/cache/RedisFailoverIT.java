package org.shopsuite.gateway.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.shopsuite.cache.CacheKey;
import org.shopsuite.gateway.GatewayTestSupport;
import org.shopsuite.stack.RedisPart;
import org.shopsuite.testfixtures.SuiteHttp.Reply;

/**
 * Redis is an optimisation: with its master killed, reads keep answering (from L1 and the owners) until a replica is
 * promoted, and then L2 and the invalidation channel are used again, with L1 dropped for the broadcasts it missed.
 */
class RedisFailoverIT extends GatewayTestSupport {

    @AfterEach
    void bringBackTheOldMaster() {
        infra.restartStopped(); // it rejoins as a replica of the new master
    }

    @Test
    void readsAnswerThroughoutAMasterFailoverAndL2IsUsedAgainAfterIt() {
        L1Cache.Mark before = l1.mark();
        long id = db.newProduct("failover", "4.00", 40);
        CacheKey key = CacheKey.product(id);
        awaitSynced(key, before);
        String body = "{\"productId\":" + id + ",\"name\":\"failover\",\"price\":4.00,\"stock\":40}";
        assertThat(get("/api/products/" + id).cache()).isEqualTo("L2");
        double resubscribed = count(CacheMetrics.INVALIDATIONS, "cause", "resubscribed");
        RedisPart master = infra.redisNodes().stream().filter(n -> "master".equals(n.role())).findFirst().orElseThrow();

        master.kill();
        long killed = System.nanoTime();

        // Every read skips L1, so each one needs L2 or the owner; stop once L2 answers again.
        List<Reply> replies = new ArrayList<>();
        await().atMost(RECOVERY).pollInterval(Duration.ofMillis(100)).until(() -> {
            l1.invalidate(key);
            Reply reply = get("/api/products/" + id);
            replies.add(reply);
            return "L2".equals(reply.cache());
        });
        System.out.printf("[cache-gateway] L2 back %.1f s after the master was killed; %d reads meanwhile, %d from"
                + " the owner%n", (System.nanoTime() - killed) / 1e9, replies.size(),
                replies.stream().filter(r -> "MISS".equals(r.cache())).count());

        assertThat(replies).allSatisfy(reply -> {
            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.body()).isEqualTo(body);
        });
        assertThat(replies).anySatisfy(reply -> assertThat(reply.cache()).isEqualTo("MISS"));
        // The invalidation channel was subscribed again on the new master, which dropped L1.
        await().atMost(RECOVERY).until(() -> count(CacheMetrics.INVALIDATIONS, "cause", "resubscribed") > resubscribed);
        // And changes reach this gateway through it again (canal-sync may take a moment to find the new master too):
        // with the row in L1 (for a minute, in tests), only the broadcast can bring the change.
        get("/api/products/" + id);
        assertThat(get("/api/products/" + id).cache()).isEqualTo("L1");
        db.update("inventory_db", "UPDATE inventory SET stock = 39 WHERE product_id = ?", id);
        await().atMost(RECOVERY).until(() -> get("/api/products/" + id).json().path("stock").asInt() == 39);
        assertThat(inL2(key)).extracting("stock", "price").containsExactly(39, new BigDecimal("4.00"));
    }
}
