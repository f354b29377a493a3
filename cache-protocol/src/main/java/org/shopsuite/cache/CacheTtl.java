package org.shopsuite.cache;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How long cached values live. Entries get a random spread around the base, so keys filled together don't expire
 * together (cache avalanche); tombstones only need to outlive a cache fill that is still in flight.
 */
public record CacheTtl(Duration entry, double jitter, Duration tombstone) {

    public static final CacheTtl DEFAULT = new CacheTtl(Duration.ofMinutes(30), 0.10, Duration.ofSeconds(60));

    public CacheTtl {
        if (entry.toMillis() < 1 || tombstone.toMillis() < 1 || jitter < 0 || jitter >= 1) {
            throw new IllegalArgumentException("TTLs must be positive and the jitter in [0, 1): " + entry + ", "
                    + jitter + ", " + tombstone);
        }
    }

    /** The entry TTL with jitter: uniformly within base ± jitter. */
    public long entryMillis() {
        long base = entry.toMillis();
        long spread = Math.round(base * jitter);
        return Math.max(1, base + ThreadLocalRandom.current().nextLong(-spread, spread + 1));
    }

    public long millisFor(CachedRow row) {
        return row.deleted() ? tombstone.toMillis() : entryMillis();
    }
}
