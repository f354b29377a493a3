package org.shopsuite.gateway.cache;

/** Where a read was answered from; the value of the {@code X-Cache} header. */
public enum CacheLevel {
    /** This instance's Caffeine cache. */
    L1,
    /** Redis, shared by every gateway instance. */
    L2,
    /** The service that owns the row. */
    MISS;

    public static final String HEADER = "X-Cache";
}
