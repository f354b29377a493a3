package org.shopsuite.canalsync;

import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.RedisSentinelConnection;
import org.springframework.data.redis.connection.RedisServer;
import org.springframework.stereotype.Component;

/**
 * Notices a Redis failover: asks the sentinels, at most every {@value #CHECK_EVERY_MILLIS} ms, which node is the
 * master, and says when that changed since it last asked.
 */
@Component
class RedisMasterWatch {

    private static final Logger log = LoggerFactory.getLogger(RedisMasterWatch.class);
    private static final long CHECK_EVERY_MILLIS = 500;

    private final RedisConnectionFactory redis;
    private final String masterName;
    private String knownMaster;
    private long nextCheck;

    RedisMasterWatch(RedisConnectionFactory redis, @Value("${spring.data.redis.sentinel.master}") String masterName) {
        this.redis = redis;
        this.masterName = masterName;
    }

    /** Whether the sentinels name another master than at the last answer (false while none answers). */
    synchronized boolean masterChanged() {
        long now = System.nanoTime();
        if (now - nextCheck < 0) {
            return false;
        }
        nextCheck = now + Duration.ofMillis(CHECK_EVERY_MILLIS).toNanos();
        Optional<String> current = currentMaster();
        if (current.isEmpty()) {
            return false;
        }
        boolean changed = knownMaster != null && !knownMaster.equals(current.get());
        if (changed) {
            log.info("The sentinels name a new Redis master: {} (was {})", current.get(), knownMaster);
        }
        knownMaster = current.get();
        return changed;
    }

    private Optional<String> currentMaster() {
        try (RedisSentinelConnection sentinel = redis.getSentinelConnection()) {
            return sentinel.masters().stream().filter(master -> masterName.equals(master.getName()))
                    .findFirst().map(RedisMasterWatch::address);
        } catch (Exception e) {
            log.debug("No sentinel answered which Redis node is the master: {}", e.toString());
            return Optional.empty();
        }
    }

    private static String address(RedisServer master) {
        return master.getHost() + ":" + master.getPort();
    }
}
