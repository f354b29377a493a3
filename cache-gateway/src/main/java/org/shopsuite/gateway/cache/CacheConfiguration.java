package org.shopsuite.gateway.cache;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.resource.Delay;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.shopsuite.cache.CacheTtl;
import org.shopsuite.cache.VersionedCacheWriter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.data.redis.ClientResourcesBuilderCustomizer;
import org.springframework.boot.autoconfigure.data.redis.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

@Configuration(proxyBeanMethods = false)
class CacheConfiguration {

    @Bean
    CacheMetrics cacheMetrics(MeterRegistry registry) {
        return new CacheMetrics(registry);
    }

    @Bean
    L1Cache l1Cache(CacheProperties properties, MeterRegistry registry) {
        L1Cache l1 = new L1Cache(properties.l1());
        Gauge.builder("shop.gateway.l1.size", l1, L1Cache::size).register(registry);
        return l1;
    }

    @Bean
    L2Cache l2Cache(StringRedisTemplate redis, CacheProperties properties, CacheMetrics metrics,
                    MeterRegistry registry) {
        RedisCircuitBreaker breaker = new RedisCircuitBreaker(properties.l2().breakerOpen());
        Gauge.builder("shop.gateway.l2.breaker.open", breaker, b -> b.isOpen() ? 1 : 0).register(registry);
        return new L2Cache(redis, new VersionedCacheWriter(redis, CacheTtl.DEFAULT), breaker, metrics);
    }

    @Bean
    ChangeStreamVouching changeStreamVouching(CacheProperties properties, L1Cache l1, MeterRegistry registry) {
        ChangeStreamVouching vouching = new ChangeStreamVouching(properties.maxChangeStreamLag(), l1);
        Gauge.builder("shop.gateway.change.stream.vouched", vouching, v -> v.whyNot().isEmpty() ? 1 : 0)
                .description("1 while canal-sync's watermarks let L1 and L2 answer, 0 while reads go to the owners")
                .register(registry);
        Gauge.builder("shop.gateway.change.stream.behind.ms", vouching, ChangeStreamVouching::behindMillis)
                .description("How far behind the change stream is, by the newest watermark; -1 before the first")
                .register(registry);
        return vouching;
    }

    @Bean
    TwoLevelCache twoLevelCache(L1Cache l1, L2Cache l2, RowOwner owner, ObjectProvider<FillPause> fillPause,
                                CacheMetrics metrics, ChangeStreamVouching vouching) {
        return new TwoLevelCache(l1, l2, owner, fillPause.getIfAvailable(() -> FillPause.NONE), metrics, vouching);
    }

    @Bean
    InvalidationSubscription invalidationSubscription(RedisConnectionFactory redis, L1Cache l1, CacheMetrics metrics,
                                                      ChangeStreamVouching vouching) {
        return new InvalidationSubscription(redis, new CacheInvalidationListener(l1, metrics),
                new WatermarkListener(vouching), Duration.ofSeconds(1));
    }

    /**
     * While Lettuce has no connection (Redis down, failover in progress) it would queue commands until they time out;
     * rejecting them at once lets a read fall back to the owner without waiting.
     */
    @Bean
    LettuceClientOptionsBuilderCustomizer rejectCommandsWhileDisconnected() {
        return options -> options.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
    }

    /** Reconnect within a second of Redis (or the promoted replica) being back, not after Lettuce's 30 s backoff. */
    @Bean
    ClientResourcesBuilderCustomizer reconnectSoon() {
        return resources -> resources.reconnectDelay(
                Delay.exponential(Duration.ofMillis(10), Duration.ofSeconds(1), 2, TimeUnit.MILLISECONDS));
    }
}
