package org.shopsuite.order.lock;

import java.util.Arrays;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;
import org.redisson.config.ReadMode;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Redisson in sentinel mode: it follows the master the sentinels name, also across a failover. */
@Configuration
class RedissonConfiguration {

    @Bean(destroyMethod = "shutdown")
    RedissonClient redisson(@Value("${shop.redis.sentinels}") String sentinels,
                            @Value("${shop.redis.master-name:mymaster}") String masterName,
                            @Value("${shop.redis.password}") String password) {
        Config config = new Config();
        var servers = config.useSentinelServers().setMasterName(masterName)
                // the nodes and the sentinels ask for the same password
                .setPassword(password)
                .setSentinelPassword(password)
                // Taking the per-user lock gives up within 3 s (1 s, one retry after 1 s): README, "Timeouts".
                .setTimeout(1000)
                .setRetryAttempts(1)
                .setRetryInterval(1000)
                .setCheckSentinelsList(false)
                // Redisson reads from replicas by default: a lock's state must come from the master that holds it.
                .setReadMode(ReadMode.MASTER);
        Arrays.stream(sentinels.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .forEach(address -> servers.addSentinelAddress("redis://" + address));
        config.setLazyInitialization(true); // start even while Redis is down; health says so
        return Redisson.create(config);
    }

    @Bean
    HealthIndicator redissonHealth(RedissonClient redisson) {
        return () -> {
            try {
                return redisson.getNodesGroup().pingAll() ? Health.up().build()
                        : Health.down().withDetail("redis", "a node did not answer PING").build();
            } catch (RuntimeException e) {
                return Health.down().withDetail("redis", e.getMessage()).build();
            }
        };
    }
}
