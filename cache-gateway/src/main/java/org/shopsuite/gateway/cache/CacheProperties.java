package org.shopsuite.gateway.cache;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param l1 the per-instance Caffeine cache
 * @param l2 the shared Redis cache
 * @param maxChangeStreamLag L1 and L2 answer only while canal-sync's watermarks say the change stream is at most this
 *                           far behind; past it reads go to the owning services. Inside the 1 s freshness promise,
 *                           with room for a watermark's way and canal-sync's heartbeat (200 ms)
 */
@ConfigurationProperties("shop.cache")
public record CacheProperties(L1 l1, L2 l2, @DefaultValue("750ms") Duration maxChangeStreamLag) {

    /**
     * @param ttl         how long a row stays in L1 at most: the staleness bound when an invalidation is lost
     * @param negativeTtl how long L1 remembers that the owner has no such row
     * @param maxEntries  L1's size limit
     */
    public record L1(Duration ttl, Duration negativeTtl, long maxEntries) {
    }

    /** @param breakerOpen how long reads skip Redis after it failed, before one read tries it again */
    public record L2(Duration breakerOpen) {
    }
}
