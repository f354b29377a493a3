package org.shopsuite.gateway.cache;

import io.micrometer.core.instrument.MeterRegistry;
import org.shopsuite.cache.CacheKey;

/**
 * The cache's counters, on {@code /actuator/prometheus}: per kind of row, lookups per level ({@code l1}/{@code l2},
 * hit or miss), where each read was served from, the loads that reached the owning service, L2 fills, and L1
 * invalidations.
 */
public final class CacheMetrics {

    static final String LOOKUPS = "shop.gateway.cache.lookups";
    static final String READS = "shop.gateway.cache.reads";
    static final String FILLS = "shop.gateway.cache.fills";
    public static final String ORIGIN_LOADS = "shop.gateway.origin.loads";
    static final String INVALIDATIONS = "shop.gateway.l1.invalidations";

    private final MeterRegistry registry;

    public CacheMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void l1(CacheKey key, boolean hit) {
        registry.counter(LOOKUPS, "kind", key.kind().label(), "level", "l1", "result", hit ? "hit" : "miss")
                .increment();
    }

    /** {@code result}: hit, miss, or unavailable (Redis failed, or its breaker is open). */
    void l2(CacheKey key, String result) {
        registry.counter(LOOKUPS, "kind", key.kind().label(), "level", "l2", "result", result).increment();
    }

    void served(CacheKey key, CacheLevel level) {
        registry.counter(READS, "kind", key.kind().label(), "served", level.name()).increment();
    }

    void fill(CacheKey key, L2Cache.FillOutcome outcome) {
        registry.counter(FILLS, "kind", key.kind().label(), "outcome", outcome.name().toLowerCase()).increment();
    }

    /** {@code outcome}: found, not_found, or failed (the owner could not be asked). */
    void originLoad(CacheKey key, String outcome) {
        registry.counter(ORIGIN_LOADS, "kind", key.kind().label(), "outcome", outcome).increment();
    }

    /** {@code cause}: message (a row changed), or resubscribed (all of L1 dropped: broadcasts may have been missed). */
    void invalidation(String cause) {
        registry.counter(INVALIDATIONS, "cause", cause).increment();
    }
}
