package org.shopsuite.canalsync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.RestoreArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.shopsuite.cache.CacheKey;
import org.shopsuite.stack.RedisPart;
import org.shopsuite.stack.StackSettings;

/**
 * A failover can lose a cache write canal-sync had acked: the replica that confirmed it is not always the one the
 * sentinels promote. Here the promoted replica is made to hold the row's previous value (as if the newer write never
 * reached it), then the sentinels fail over to it: canal-sync must write the newer value again on the new master.
 */
class FailoverReplayIT extends CanalSyncTestSupport {

    @Test
    void aWriteTheNewMasterLostIsWrittenAgainAfterTheFailover() throws Exception {
        long id = db.newProduct("failover-replay", "1.00", 10);
        CacheKey key = CacheKey.product(id);
        awaitCached(key, stock(10), RECOVERY);
        RedisPart master = infra.redisNodes().stream().filter(n -> "master".equals(n.role())).findFirst().orElseThrow();
        List<RedisPart> replicas = infra.redisNodes().stream().filter(n -> n != master).toList();
        RedisPart promoted = replicas.get(0);
        RedisPart other = replicas.get(1);
        byte[] previous = onNode(master, redis -> redis.sync().dump(bytes(key.redisKey())));

        sql("inventory_db", "UPDATE inventory SET stock = 9 WHERE product_id = ?", id);
        awaitCached(key, stock(9), FRESHNESS);

        // The replica to be promoted holds the previous image again, as if the new one had never reached it; the
        // other one may not be promoted.
        await().atMost(RECOVERY).until(() -> valueOn(promoted, key).contains("\"stock\":9"));
        onNode(promoted, redis -> {
            redis.sync().configSet("replica-read-only", "no");
            return redis.sync().restore(bytes(key.redisKey()), previous, RestoreArgs.Builder.ttl(0).replace());
        });
        onNode(other, redis -> redis.sync().configSet("replica-priority", "0"));
        try {
            // Sentinels read a replica's priority from its INFO, every 10 s.
            await().atMost(RECOVERY).until(() -> sentinelSeesPriorityZero(other));
            infra.sentinels().get(0).send("SENTINEL", "FAILOVER", StackSettings.SENTINEL_MASTER_NAME);
            await().atMost(RECOVERY).until(() -> "master".equals(promoted.role()));

            // Read on the new master itself: a client still connected to the old one could see the new image there
            // until the old master resyncs from the new one.
            await().atMost(RECOVERY).untilAsserted(() -> assertThat(valueOn(promoted, key)).contains("\"stock\":9"));
        } finally {
            onNode(other, redis -> redis.sync().configSet("replica-priority", "100"));
            onNode(promoted, redis -> redis.sync().configSet("replica-read-only", "yes"));
            infra.restartStopped();
        }
    }

    private static <T> T onNode(RedisPart node, java.util.function.Function<StatefulRedisConnection<byte[], byte[]>, T> work) {
        RedisClient client = RedisClient.create(RedisURI.builder().withHost(infra.host()).withPort(node.port())
                .withPassword(infra.redisPassword().toCharArray()).withTimeout(Duration.ofSeconds(5)).build());
        try (StatefulRedisConnection<byte[], byte[]> connection = client.connect(ByteArrayCodec.INSTANCE)) {
            return work.apply(connection);
        } finally {
            client.shutdown();
        }
    }

    private static boolean sentinelSeesPriorityZero(RedisPart replica) {
        List<String> replicas = infra.sentinels().get(0).send("SENTINEL", "REPLICAS",
                StackSettings.SENTINEL_MASTER_NAME).orElse(List.of());
        // a flat list of name/value pairs, replica after replica: find this replica's port, then its priority
        for (int i = 0; i + 1 < replicas.size(); i += 2) {
            if (replicas.get(i).equals("port") && replicas.get(i + 1).equals(String.valueOf(replica.port()))) {
                for (int j = i; j + 1 < replicas.size() && !(j > i && replicas.get(j).equals("name")); j += 2) {
                    if (replicas.get(j).equals("slave-priority")) {
                        return replicas.get(j + 1).equals("0");
                    }
                }
            }
        }
        return false;
    }

    private static String valueOn(RedisPart node, CacheKey key) {
        return node.send("GET", key.redisKey()).map(Object::toString).orElse("");
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
