package org.shopsuite.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.redisson.Redisson;
import org.redisson.api.RBucket;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.redisson.config.Config;
import org.shopsuite.stack.RedisPart;
import org.shopsuite.stack.SentinelPart;
import org.shopsuite.stack.StackSettings;
import org.shopsuite.testfixtures.TestInfrastructure;

/** The three sentinels watch the master and both replicas; when the master dies, one replica takes over. */
class RedisSentinelFailoverIT {

    static final TestInfrastructure infra = TestInfrastructure.shared();

    @AfterAll
    static void bringBackTheOldMaster() {
        infra.restartStopped(); // it rejoins as a replica of the new master, for the tests that follow
    }

    @Test
    void sentinelsSeeTheMasterAndBothReplicasAndFailOverWhenItDies() {
        String host = infra.host();
        RedisPart master = infra.redisNodes().stream().filter(n -> "master".equals(n.role())).findFirst().orElseThrow();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (SentinelPart sentinel : infra.sentinels()) {
                assertThat(sentinel.masterAddress()).contains(host + ":" + master.port());
                assertThat(count(sentinel, "replicas")).as("replicas seen by " + sentinel.name()).isEqualTo(2);
                assertThat(count(sentinel, "sentinels")).as("other sentinels seen by " + sentinel.name()).isEqualTo(2);
            }
        });

        RedissonClient redisson = sentinelClient();
        try {
            RBucket<String> before = redisson.getBucket("failover-it:before", StringCodec.INSTANCE);
            before.set("written before the failover");
            await().atMost(Duration.ofSeconds(5)).until(() -> replicasCaughtUp(master));

            master.kill();

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                for (SentinelPart sentinel : infra.sentinels()) {
                    assertThat(sentinel.masterAddress()).isPresent().get().isNotEqualTo(host + ":" + master.port());
                }
            });
            String promoted = infra.sentinels().get(0).masterAddress().orElseThrow();
            RedisPart newMaster = infra.redisNodes().stream()
                    .filter(n -> promoted.equals(host + ":" + n.port())).findFirst().orElseThrow();
            assertThat(newMaster.role()).isEqualTo("master");

            // The same client carries on against the promoted replica: old data is there, new writes go through.
            RBucket<String> after = redisson.getBucket("failover-it:after", StringCodec.INSTANCE);
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
                after.set("written after the failover");
                assertThat(after.get()).isEqualTo("written after the failover");
            });
            assertThat(before.get()).isEqualTo("written before the failover");
            assertThat(newMaster.send("GET", "failover-it:after"))
                    .contains(List.of("written after the failover"));
        } finally {
            redisson.shutdown();
        }
    }

    private static boolean replicasCaughtUp(RedisPart master) {
        String offset = master.info("replication", "master_repl_offset").orElse("");
        return infra.redisNodes().stream().filter(n -> n != master).allMatch(n ->
                offset.equals(n.info("replication", "slave_repl_offset").orElse("-")));
    }

    private static int count(SentinelPart sentinel, String what) {
        // Each entry is a flat list of field/value pairs starting with "name": count the names.
        return (int) sentinel.send("SENTINEL", what, StackSettings.SENTINEL_MASTER_NAME)
                .orElse(List.of()).stream().filter("name"::equals).count();
    }

    private static RedissonClient sentinelClient() {
        Config config = new Config();
        var sentinels = config.useSentinelServers().setMasterName(StackSettings.SENTINEL_MASTER_NAME)
                .setPassword(infra.redisPassword()).setSentinelPassword(infra.redisPassword());
        infra.settings().sentinelPorts().forEach(p -> sentinels.addSentinelAddress("redis://" + infra.host() + ":" + p));
        sentinels.setRetryAttempts(5).setTimeout(2000);
        return Redisson.create(config);
    }
}
