package org.shopsuite.gateway.cache;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.shopsuite.cache.CacheKey;

/**
 * The cache's counters, on {@code /actuator/prometheus}: per kind of row, lookups per level ({@code l1}/{@code l2},
 * hit or miss), where each read was served from, the loads that reached the owning service, L2 fills, L1
 * invalidations, and the reads that skipped the caches because the change stream was too far behind.
 */
public final class CacheMetrics {

    static final String LOOKUPS = "shop.gateway.cache.lookups";
    static final String READS = "shop.gateway.cache.reads";
    static final String FILLS = "shop.gateway.cache.fills";
    public static final String ORIGIN_LOADS = "shop.gateway.origin.loads";
    static final String INVALIDATIONS = "shop.gateway.l1.invalidations";
    static final String UNVOUCHED = "shop.gateway.cache.unvouched.reads";

    private final MeterRegistry registry;
    /**
     * The counters of each kind of row, registered once: looking a counter up by name and tags costs a tag sort and a
     * registry lookup, on a path (an L1 hit) that otherwise costs little more than a hash lookup.
     */
    private final Map<CacheKey.Kind, KindCounters> byKind = new EnumMap<>(CacheKey.Kind.class);

    public CacheMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (CacheKey.Kind kind : CacheKey.Kind.values()) {
            byKind.put(kind, new KindCounters(registry, kind.label()));
        }
    }

    void l1(CacheKey key, boolean hit) {
        KindCounters counters = byKind.get(key.kind());
        (hit ? counters.l1Hit : counters.l1Miss).increment();
    }

    /** {@code result}: hit, miss, or unavailable (Redis failed, or its breaker is open). */
    void l2(CacheKey key, String result) {
        byKind.get(key.kind()).l2.get(result).increment();
    }

    /** A read that went to the owner because the change stream was too far behind to trust L1 and L2. */
    void unvouched(CacheKey key) {
        byKind.get(key.kind()).unvouched.increment();
    }

    void served(CacheKey key, CacheLevel level) {
        byKind.get(key.kind()).served.get(level).increment();
    }

    void fill(CacheKey key, FillOutcome outcome) {
        byKind.get(key.kind()).fills.get(outcome).increment();
    }

    /** {@code outcome}: found, not_found, or failed (the owner could not be asked). */
    void originLoad(CacheKey key, String outcome) {
        byKind.get(key.kind()).originLoads.get(outcome).increment();
    }

    /** {@code cause}: message (a row changed), or resubscribed (all of L1 dropped: broadcasts may have been missed). */
    void invalidation(String cause) {
        registry.counter(INVALIDATIONS, "cause", cause).increment();
    }

    private static final class KindCounters {
        final Counter l1Hit;
        final Counter l1Miss;
        final Counter unvouched;
        final Map<String, Counter> l2 = new HashMap<>();
        final Map<CacheLevel, Counter> served = new EnumMap<>(CacheLevel.class);
        final Map<FillOutcome, Counter> fills = new EnumMap<>(FillOutcome.class);
        final Map<String, Counter> originLoads = new HashMap<>();

        KindCounters(MeterRegistry registry, String kind) {
            l1Hit = registry.counter(LOOKUPS, "kind", kind, "level", "l1", "result", "hit");
            l1Miss = registry.counter(LOOKUPS, "kind", kind, "level", "l1", "result", "miss");
            unvouched = registry.counter(UNVOUCHED, "kind", kind);
            for (String result : List.of("hit", "miss", "unavailable")) {
                l2.put(result, registry.counter(LOOKUPS, "kind", kind, "level", "l2", "result", result));
            }
            for (CacheLevel level : CacheLevel.values()) {
                served.put(level, registry.counter(READS, "kind", kind, "served", level.name()));
            }
            for (FillOutcome outcome : FillOutcome.values()) {
                fills.put(outcome, registry.counter(FILLS, "kind", kind, "outcome",
                        outcome.name().toLowerCase(Locale.ROOT)));
            }
            for (String outcome : List.of("found", "not_found", "failed")) {
                originLoads.put(outcome, registry.counter(ORIGIN_LOADS, "kind", kind, "outcome", outcome));
            }
        }
    }
}
