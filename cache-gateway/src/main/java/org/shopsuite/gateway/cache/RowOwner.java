package org.shopsuite.gateway.cache;

import org.shopsuite.cache.CacheKey;
import org.shopsuite.cache.CachedValue;

/** The service that owns the rows behind the cache: asked on a MISS. */
public interface RowOwner {

    /** A version the owner did not tell (versions are binlog places, always positive). Never written to L2. */
    long UNKNOWN_VERSION = 0;

    /**
     * The row as its owner has it now, with its version: the binlog place of the owner's read (or
     * {@link #UNKNOWN_VERSION}), or a
     * {@link org.shopsuite.cache.Tombstone} of {@link #UNKNOWN_VERSION} when the owner has no such row. Throws
     * {@link org.shopsuite.api.problem.ApiProblem} when the owner cannot be asked.
     */
    CachedValue read(CacheKey key);
}
