package org.shopsuite.gateway.ratelimit;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ClassPathResource;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * Token buckets in Redis, one script call per order request ({@code token-buckets.lua}): the user's and the client
 * address's bucket must both have a token. The gateway's own Redis connection does it (sentinel-aware, as the L2
 * cache's), so no second Redis client is needed. While Redis is unreachable orders are not limited: the gateway keeps
 * serving without Redis, and a limit is not worth refusing every order for.
 */
@Component
public class OrderRateLimiter {

    static final String KEY_PREFIX = "shop:rate-limit:orders:";

    private static final Logger log = LoggerFactory.getLogger(OrderRateLimiter.class);
    private static final Duration WARN_EVERY = Duration.ofSeconds(30);

    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> SCRIPT =
            RedisScript.of(new ClassPathResource("org/shopsuite/gateway/ratelimit/token-buckets.lua"), List.class);

    private final StringRedisTemplate redis;
    private final OrderRateLimitProperties properties;
    private final AtomicLong lastWarning = new AtomicLong();

    OrderRateLimiter(StringRedisTemplate redis, OrderRateLimitProperties properties) {
        this.redis = redis;
        this.properties = properties;
    }

    boolean enabled() {
        return properties.enabled();
    }

    /** Empty if the order may go on; else how long to wait before the next one. */
    Optional<Duration> take(String user, String clientAddress) {
        OrderRateLimitProperties.Bucket perUser = properties.perUser();
        OrderRateLimitProperties.Bucket perAddress = properties.perClientAddress();
        try {
            List<?> reply = redis.execute(SCRIPT,
                    List.of(KEY_PREFIX + "user:" + user, KEY_PREFIX + "address:" + clientAddress),
                    String.valueOf(perUser.burst()), String.valueOf(perUser.perSecond()),
                    String.valueOf(perAddress.burst()), String.valueOf(perAddress.perSecond()));
            if (reply == null || ((Number) reply.get(0)).longValue() == 1) {
                return Optional.empty();
            }
            return Optional.of(Duration.ofMillis(((Number) reply.get(1)).longValue()));
        } catch (DataAccessException e) {
            long now = System.nanoTime();
            long last = lastWarning.get();
            if (now - last > WARN_EVERY.toNanos() && lastWarning.compareAndSet(last, now)) {
                log.warn("order rate limits are not applied while Redis is unreachable ({}); orders go through", e
                        .getMostSpecificCause().toString());
            }
            return Optional.empty();
        }
    }
}
