package org.shopsuite.gateway.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.shopsuite.cache.CacheKey;
import org.shopsuite.gateway.GatewayTestSupport;
import org.shopsuite.testfixtures.SuiteHttp.Reply;

/** Many reads of one cold key at once cost the owning service a single read. */
class StampedeIT extends GatewayTestSupport {

    static final int READERS = 200;

    @Test
    void twoHundredConcurrentReadsOfAColdKeyMakeExactlyOneOriginCall() {
        L1Cache.Mark before = l1.mark();
        long id = db.newProduct("hot", "9.99", 1000);
        CacheKey key = CacheKey.product(id);
        awaitSynced(key, before);
        dropFromL2(key);
        double originCalls = originCalls();
        double l1Misses = l1Misses();

        // Hold the first load after its owner read until every reader has missed L1, so all of them overlap it.
        HeldFill fill = heldFills.hold(key);
        List<CompletableFuture<Reply>> readers = new ArrayList<>();
        for (int i = 0; i < READERS; i++) {
            readers.add(getAsync("/api/products/" + id));
        }
        fill.awaitReached();
        await().atMost(Duration.ofSeconds(30)).until(() -> l1Misses() - l1Misses >= READERS);
        fill.release();
        List<Reply> replies = readers.stream().map(CompletableFuture::join).toList();

        assertThat(originCalls() - originCalls).isEqualTo(1);
        String body = "{\"productId\":" + id + ",\"name\":\"hot\",\"price\":9.99,\"stock\":1000}";
        assertThat(replies).allSatisfy(reply -> {
            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.body()).isEqualTo(body);
        });
        Map<String, Long> served = new TreeMap<>();
        replies.forEach(reply -> served.merge(reply.cache(), 1L, Long::sum));
        System.out.println("[cache-gateway] " + READERS + " concurrent cold reads served as " + served
                + ", origin calls: " + (originCalls() - originCalls));
        assertThat(served).containsEntry("MISS", (long) READERS); // every one of them shared the single load
        assertThat(get("/api/products/" + id).cache()).isEqualTo("L1");
    }

    private double originCalls() {
        return count(CacheMetrics.ORIGIN_LOADS, "kind", "product");
    }

    private double l1Misses() {
        return count(CacheMetrics.LOOKUPS, "kind", "product", "level", "l1", "result", "miss");
    }
}
