package org.shopsuite.cache;

/**
 * One versioned write of a cached row; see {@code versioned-write.lua} for exactly when each kind writes.
 *
 * @param inserted for a CHANGE: the binlog event was an INSERT (a re-inserted row replaces a tombstone)
 */
public record CacheWrite(Kind kind, CachedRow row, boolean inserted) {

    public enum Kind {
        /** The gateway's fill after reading the owning service: only into an absent key or over an older version. */
        FILL,
        /** A binlog INSERT or UPDATE: over an older version, or over a tombstone when it is an INSERT. */
        CHANGE,
        /** A binlog DELETE: the tombstone, always. */
        DELETE
    }

    public CacheWrite {
        if ((kind == Kind.DELETE) != row.deleted()) {
            throw new IllegalArgumentException("a DELETE writes a tombstone and nothing else writes one: " + kind
                    + " of " + row);
        }
    }

    public static CacheWrite fill(CachedRow row) {
        return new CacheWrite(Kind.FILL, row, false);
    }

    public static CacheWrite change(CachedRow row, boolean inserted) {
        return new CacheWrite(Kind.CHANGE, row, inserted);
    }

    public static CacheWrite delete(CacheKey key, long version) {
        return new CacheWrite(Kind.DELETE, CachedRow.tombstone(key, version), false);
    }
}
