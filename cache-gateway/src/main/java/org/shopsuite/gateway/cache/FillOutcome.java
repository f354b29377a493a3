package org.shopsuite.gateway.cache;

/** What a fill of L2 after an origin read did; counted by {@link CacheMetrics}. */
public enum FillOutcome {
    /** L2 now holds the value. */
    WRITTEN,
    /** L2 holds this version, a newer one, or a tombstone: the value read may be outdated already. */
    REFUSED,
    /** Not attempted (no version to order it by, or nothing to fill) or Redis unavailable. */
    SKIPPED
}
