package org.shopsuite.cache;

/**
 * One versioned write of a cached row: whatever its kind, it writes only into an absent key or over a lower version
 * (see {@code versioned-write.lua}). The kind says who writes and why, for logs and metrics.
 */
public record CacheWrite(Kind kind, CachedRow row) {

    public enum Kind {
        /** The gateway's fill after reading the owning service, versioned by the read's binlog snapshot. */
        FILL,
        /** A binlog INSERT or UPDATE (a REPLACE is a DELETE and an INSERT, or an UPDATE). */
        CHANGE,
        /** A binlog DELETE: a tombstone at the DELETE's place in the binlog. */
        DELETE
    }

    public CacheWrite {
        if ((kind == Kind.DELETE) != row.deleted()) {
            throw new IllegalArgumentException("a DELETE writes a tombstone and nothing else writes one: " + kind
                    + " of " + row);
        }
    }

    public static CacheWrite fill(CachedRow row) {
        return new CacheWrite(Kind.FILL, row);
    }

    public static CacheWrite change(CachedRow row) {
        return new CacheWrite(Kind.CHANGE, row);
    }

    public static CacheWrite delete(CacheKey key, long version) {
        return new CacheWrite(Kind.DELETE, CachedRow.tombstone(key, version));
    }

    /** The same write at another place in the binlog (an XA transaction's rows take their commit's place). */
    public CacheWrite withVersion(long version) {
        return new CacheWrite(kind, row.withVersion(version));
    }
}
