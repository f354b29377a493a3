package org.shopsuite.canalsync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.shopsuite.cache.CacheKey;
import org.shopsuite.stack.RedisPart;
import org.shopsuite.testfixtures.SuiteHttp;
import org.shopsuite.testfixtures.SuiteHttp.Reply;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What an operator sees and relies on: health with the sync position, Prometheus metrics (both for operators' tokens
 * only, as on every part of the suite), and recovery on its own after the Canal server or the Redis master restarts.
 */
class OperationsIT extends CanalSyncTestSupport {

    @Autowired
    TestRestTemplate http;

    @LocalServerPort
    int port;

    @AfterEach
    void everythingRunsAgain() {
        infra.restartStopped();
    }

    @Test
    void healthSaysWhereTheSyncIsAndMetricsCountTheEvents() throws Exception {
        long id = db.newProduct("observed", "1.00", 1);
        sql("inventory_db", "UPDATE inventory SET stock = 2 WHERE product_id = ?", id);
        awaitCached(CacheKey.product(id), stock(2), FRESHNESS);

        Map<String, Object> health = canalSyncHealth();
        assertThat(health).as(health.toString()).containsEntry("status", "UP");
        @SuppressWarnings("unchecked")
        Map<String, Object> details = (Map<String, Object>) health.get("details");
        assertThat(details).containsKeys("lagMillis", "position", "lastAppliedAt");
        assertThat((String) details.get("position")).matches(".+:\\d+");
        assertThat(((Number) details.get("lagMillis")).longValue()).isNotNegative();

        String metrics = http.getForObject("/actuator/prometheus", String.class);
        assertThat(metrics).contains("canal_sync_lag_ms ");
        assertThat(metrics).containsPattern("canal_sync_events_total\\{[^}]*outcome=\"written\"[^}]*"
                + "table=\"inventory_db.inventory\"[^}]*type=\"UPDATE\"[^}]*} [1-9]");
    }

    @Test
    void changesMadeWhileTheCanalServerIsDownArriveAfterItRestarts() throws Exception {
        long id = db.newProduct("canal-restart", "1.00", 10);
        CacheKey key = CacheKey.product(id);
        awaitCached(key, stock(10), FRESHNESS);

        infra.canal().stop();
        await().atMost(RECOVERY).until(() -> "DOWN".equals(canalSyncHealth().get("status")));
        sql("inventory_db", "UPDATE inventory SET stock = 9 WHERE product_id = ?", id);
        sql("inventory_db", "UPDATE inventory SET stock = 8 WHERE product_id = ?", id);
        infra.restartStopped();

        awaitCached(key, stock(8), RECOVERY);
        await().atMost(RECOVERY).until(() -> "UP".equals(canalSyncHealth().get("status")));
        // The restarted server replays its last event: the value stays at the newest image.
        sql("inventory_db", "UPDATE inventory SET stock = 7 WHERE product_id = ?", id);
        awaitCached(key, stock(7), FRESHNESS);
    }

    @Test
    void strangersSeeOnlyUpOrDownAndNoMetrics() {
        String base = "http://127.0.0.1:" + port;
        Reply health = SuiteHttp.send(SuiteHttp.get(base + "/actuator/health", null, Duration.ofSeconds(10)));
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().path("status").asText()).isEqualTo("UP");
        assertThat(health.json().has("components")).as("health details without a token: %s", health).isFalse();

        Reply metrics = SuiteHttp.send(SuiteHttp.get(base + "/actuator/prometheus", null, Duration.ofSeconds(10)));
        assertThat(metrics.status()).as("metrics without a token: %s", metrics).isEqualTo(401);
        assertThat(metrics.header("WWW-Authenticate")).startsWith("Bearer");

        Reply ofAUser = SuiteHttp.send(SuiteHttp.get(base + "/actuator/prometheus", issuer.token(42, false),
                Duration.ofSeconds(10)));
        assertThat(ofAUser.status()).as("metrics with a user's token: %s", ofAUser).isEqualTo(403);
    }

    /**
     * The Canal server keeps answering polls (with nothing) while its binlog dump is gone: only the database's binlog
     * head shows that canal-sync no longer keeps up. Canal re-dumps on its own after 10-20 s.
     */
    @Test
    void healthIsDownWhileTheBinlogMovesAndCanalSyncDoesNot() throws Exception {
        long id = db.newProduct("dump-lost", "1.00", 10);
        CacheKey key = CacheKey.product(id);
        awaitCached(key, present(), FRESHNESS);
        await().atMost(RECOVERY).until(() -> "UP".equals(canalSyncHealth().get("status")));

        long dump = db.queryLong("", "SELECT id FROM information_schema.processlist WHERE command LIKE 'Binlog Dump%'");
        sql("", "KILL " + dump);
        sql("inventory_db", "UPDATE inventory SET stock = 9 WHERE product_id = ?", id);

        await().atMost(RECOVERY).until(() -> "DOWN".equals(canalSyncHealth().get("status")));
        @SuppressWarnings("unchecked")
        Map<String, Object> details = (Map<String, Object>) canalSyncHealth().get("details");
        assertThat(details).containsEntry("canal", "following " + infra.host() + ":" + infra.canal().port()
                + "/shopsuite");
        assertThat((String) details.get("behind")).contains("binlog dump");
        awaitCached(key, stock(9), Duration.ofSeconds(60));
        await().atMost(RECOVERY).until(() -> "UP".equals(canalSyncHealth().get("status")));
    }

    /** A batch only a master has could be lost by a failover: it is acked once a replica has it too. */
    @Test
    void aBatchNoReplicaConfirmedIsNotAcked() throws Exception {
        long id = db.newProduct("no-replica", "1.00", 10);
        CacheKey key = CacheKey.product(id);
        awaitCached(key, present(), FRESHNESS);
        // after an earlier test's restart, roles settle once the sentinels have reconfigured the old master
        List<RedisPart> replicas = await().atMost(RECOVERY).until(
                () -> infra.redisNodes().stream().filter(n -> "slave".equals(n.role())).toList(), r -> r.size() == 2);

        replicas.forEach(RedisPart::stop);
        sql("inventory_db", "UPDATE inventory SET stock = 9 WHERE product_id = ?", id);

        await().atMost(RECOVERY).untilAsserted(() -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> details = (Map<String, Object>) canalSyncHealth().get("details");
            assertThat(canalSyncHealth()).containsEntry("status", "DOWN");
            assertThat((String) details.get("pendingBatch")).contains("no Redis replica confirmed");
        });
        infra.restartStopped();
        await().atMost(RECOVERY).until(() -> "UP".equals(canalSyncHealth().get("status")));
        awaitCached(key, stock(9), FRESHNESS);
    }

    @Test
    void changesMadeWhileTheRedisMasterIsDownArriveAfterItRestarts() throws Exception {
        long userId = db.newUser("30.00");
        CacheKey key = CacheKey.account(userId);
        awaitCached(key, present(), FRESHNESS);
        RedisPart master = infra.redisNodes().stream().filter(n -> "master".equals(n.role())).findFirst().orElseThrow();

        master.stop();
        sql("account_db", "UPDATE accounts SET balance = 20.00 WHERE user_id = ?", userId);
        await().atMost(RECOVERY).until(() -> "DOWN".equals(canalSyncHealth().get("status")));
        infra.restartStopped();

        awaitCached(key, balance("20.00"), RECOVERY);
        await().atMost(RECOVERY).until(() -> "UP".equals(canalSyncHealth().get("status")));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> canalSyncHealth() {
        Map<String, Object> health = http.getForObject("/actuator/health", Map.class);
        return (Map<String, Object>) ((Map<String, Object>) health.get("components")).get("canalSync");
    }
}
