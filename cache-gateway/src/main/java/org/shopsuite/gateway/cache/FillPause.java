package org.shopsuite.gateway.cache;

import org.shopsuite.cache.CacheKey;

/**
 * Called after a MISS read the owner and before the result goes into L2 and L1: the moment where a slow fill races
 * the row's next change. Tests register a bean of this type to hold a fill there; without one nothing waits.
 */
@FunctionalInterface
public interface FillPause {

    FillPause NONE = key -> {
    };

    void beforeStoring(CacheKey key);
}
