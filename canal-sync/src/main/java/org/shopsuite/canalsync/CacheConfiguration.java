package org.shopsuite.canalsync;

import io.lettuce.core.ClientOptions;
import org.shopsuite.cache.CacheTtl;
import org.shopsuite.cache.VersionedCacheWriter;
import org.springframework.boot.autoconfigure.data.redis.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;

@Configuration(proxyBeanMethods = false)
class CacheConfiguration {

    @Bean
    VersionedCacheWriter versionedCacheWriter(StringRedisTemplate redis) {
        return new VersionedCacheWriter(redis, CacheTtl.DEFAULT);
    }

    /**
     * Refuse commands at once while Redis is unreachable instead of queueing them until it returns: a watermark queued
     * during an outage and sent after it would tell gateways the caches were caught up when they were not (the batch
     * that failed meanwhile is retried anyway).
     */
    @Bean
    LettuceClientOptionsBuilderCustomizer rejectCommandsWhileDisconnected() {
        return options -> options.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
    }
}
