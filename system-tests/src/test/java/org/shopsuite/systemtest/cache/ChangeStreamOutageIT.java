package org.shopsuite.systemtest.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.shopsuite.systemtest.cache.CacheFreshnessIT.everyGatewayWithin;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.shopsuite.stack.RedisPart;
import org.shopsuite.testfixtures.SuiteDatabase;
import org.shopsuite.testfixtures.SuiteHttp.Reply;
import org.shopsuite.testfixtures.TestInfrastructure;

/**
 * When the change stream stops (canal-sync, or Redis that carries it), the gateways stop vouching for their caches:
 * a changed row is served from its owner (MISS) within the promise, health says why, the caches are used again once
 * canal-sync has caught up, and a value older than one already served never comes back.
 */
class ChangeStreamOutageIT {

    static final TestInfrastructure infra = TestInfrastructure.sharedSuite();
    static final Gateways gateways = new Gateways(infra);
    static final SuiteDatabase db = SuiteDatabase.asRoot(infra);
    static final Duration OUTAGE = Duration.ofSeconds(8);

    @BeforeAll
    static void binlogChainIsFlowing() {
        CacheFreshnessIT.binlogChainIsFlowing();
    }

    @AfterEach
    void bringEverythingBack() {
        infra.restartStopped();
    }

    @Test
    void withCanalSyncStoppedAChangedRowIsServedFromItsOwnerAndTheCachesComeBackAfterIt() {
        long product = db.newProduct("Unvouched", "1.00", 10);
        EveryStatementFreshnessIT.warm("/api/products/" + product);

        infra.service("canal-sync").stop();
        db.update("inventory_db", "UPDATE inventory SET stock = 9 WHERE product_id = " + product);

        everyGatewayWithin(Duration.ofSeconds(1), "/api/products/" + product,
                reply -> reply.status() == 200 && reply.json().path("stock").asInt() == 9);
        for (String gateway : gateways.baseUrls()) {
            assertThat(gateways.get(gateway, "/api/products/" + product).cache()).isEqualTo("MISS");
            JsonNode changeStream = gateways.get(gateway, "/actuator/health").json().path("components")
                    .path("changeStream");
            assertThat(changeStream.path("details").path("caches").asText()).as(gateway).startsWith("not used");
            assertThat(changeStream.path("details").path("why").asText()).as(gateway).contains("canal-sync");
        }

        infra.restartStopped();

        for (String gateway : gateways.baseUrls()) {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                    assertThat(gateways.get(gateway, "/api/products/" + product).cache()).isIn("L1", "L2"));
            assertThat(gateways.get(gateway, "/api/products/" + product).json().path("stock").asInt()).isEqualTo(9);
            assertThat(gateways.get(gateway, "/actuator/health").json().path("components").path("changeStream")
                    .path("details").path("caches").asText()).as(gateway).isEqualTo("used");
        }
    }

    @Test
    void afterARedisOutageThePreOutageValueIsNeverServedAgain() throws InterruptedException {
        long product = db.newProduct("Outage", "1.00", 10);
        EveryStatementFreshnessIT.warm("/api/products/" + product);
        String path = "/api/products/" + product;

        for (RedisPart node : infra.redisNodes()) {
            node.stop();
        }
        db.update("inventory_db", "UPDATE inventory SET stock = 5 WHERE product_id = " + product);
        // Served from the owner meanwhile (the first reads wait for Redis's timeout before the breaker opens).
        everyGatewayWithin(Duration.ofSeconds(5), path, reply -> reply.status() == 200
                && reply.json().path("stock").asInt() == 5);

        // From now on every answer of either gateway must be the new value, through Redis's return and well after.
        AtomicBoolean polling = new AtomicBoolean(true);
        Queue<String> wrong = new ConcurrentLinkedQueue<>();
        AtomicInteger answers = new AtomicInteger();
        Thread poller = Thread.ofPlatform().name("outage-poller").start(() -> {
            while (polling.get()) {
                for (String gateway : gateways.baseUrls()) {
                    Reply reply = gateways.get(gateway, path);
                    answers.incrementAndGet();
                    if (reply.status() != 200 || reply.json().path("stock").asInt() != 5) {
                        wrong.add(gateway + " answered " + reply.status() + " " + reply.cache() + " " + reply.body());
                    }
                }
            }
        });
        try {
            // Long enough for canal-sync's retries of the change to back off for seconds (up to 5 s): after Redis
            // returns, its pre-outage value is still there until the retry lands.
            Thread.sleep(OUTAGE.toMillis());
            infra.restartStopped(); // Redis back, the sentinels settled
            // until the caches are in use again on both, and a while longer
            for (String gateway : gateways.baseUrls()) {
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                        assertThat(gateways.get(gateway, path).cache()).isIn("L1", "L2"));
            }
            Thread.sleep(3000);
        } finally {
            polling.set(false);
            poller.join();
        }

        assertThat(answers.get()).isGreaterThan(20);
        assertThat(List.copyOf(wrong)).as("answers other than the new stock").isEmpty();
    }
}
