package org.shopsuite.gateway.cache;

import java.util.Optional;
import org.shopsuite.cache.CacheJson;
import org.shopsuite.cache.CacheKey;
import org.shopsuite.cache.CachedRow;
import org.shopsuite.cache.CachedValue;
import org.shopsuite.cache.Tombstone;
import org.shopsuite.cache.VersionedCacheWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * L2: the rows in Redis that every gateway instance shares, in cache-protocol's keys and JSON. canal-sync writes them
 * from the binlog; the gateway only reads them and fills absent or older ones after a MISS. Every call goes through
 * the {@link RedisCircuitBreaker}: when Redis is down this is a cache that misses, never an error.
 */
public final class L2Cache {

    private static final Logger log = LoggerFactory.getLogger(L2Cache.class);

    private final StringRedisTemplate redis;
    private final VersionedCacheWriter writer;
    private final RedisCircuitBreaker breaker;
    private final CacheMetrics metrics;

    public L2Cache(StringRedisTemplate redis, VersionedCacheWriter writer, RedisCircuitBreaker breaker,
                   CacheMetrics metrics) {
        this.redis = redis;
        this.writer = writer;
        this.breaker = breaker;
        this.metrics = metrics;
    }

    /** The value Redis holds under the key (a row, or the tombstone of a deleted one); empty on a miss. */
    public Optional<CachedValue> read(CacheKey key) {
        Optional<Stored> stored = breaker.call("GET " + key, () -> new Stored(redis.opsForValue().get(key.redisKey())));
        if (stored.isEmpty()) {
            metrics.l2(key, "unavailable");
            return Optional.empty();
        }
        Optional<CachedValue> value = stored.get().parse(key);
        metrics.l2(key, value.isPresent() ? "hit" : "miss");
        return value;
    }

    /** Fills L2 with what the owner said, through the FILL compare-and-set: only over nothing or an older version. */
    public FillOutcome fill(CacheKey key, CachedValue value) {
        if (value instanceof Tombstone || value.version() == RowOwner.UNKNOWN_VERSION) {
            metrics.fill(key, FillOutcome.SKIPPED);
            return FillOutcome.SKIPPED; // "no such row" is L1's business; an unversioned row can't be ordered
        }
        FillOutcome outcome = breaker.call("FILL " + key, () -> writer.fill(new CachedRow(key, value)))
                .map(wrote -> wrote ? FillOutcome.WRITTEN : FillOutcome.REFUSED)
                .orElse(FillOutcome.SKIPPED);
        metrics.fill(key, outcome);
        return outcome;
    }

    public boolean isBreakerOpen() {
        return breaker.isOpen();
    }

    /** Asks Redis directly, past the breaker: for health, which must say how Redis is now. */
    public Optional<String> problem() {
        try {
            redis.execute((RedisCallback<String>) connection -> connection.ping());
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.of(String.valueOf(e.getMessage()));
        }
    }

    /** Redis's reply to a GET: the JSON, or null when the key is absent. */
    private record Stored(String json) {

        Optional<CachedValue> parse(CacheKey key) {
            if (json == null) {
                return Optional.empty();
            }
            try {
                return Optional.of(CacheJson.read(key, json));
            } catch (IllegalArgumentException e) {
                // Not ours, or damaged: the owner has the truth, and the next fill or change replaces it.
                log.warn("ignoring what Redis holds under {}: {}", key, e.getMessage());
                return Optional.empty();
            }
        }
    }
}
