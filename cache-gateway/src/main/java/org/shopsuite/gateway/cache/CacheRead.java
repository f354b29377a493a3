package org.shopsuite.gateway.cache;

import org.shopsuite.cache.CachedValue;
import org.shopsuite.cache.Tombstone;

/**
 * What a read found and where: a row's view, or a {@link Tombstone} when there is no such row (deleted, or never
 * there: the owner answered 404).
 */
public record CacheRead(CachedValue value, CacheLevel level) {

    public boolean found() {
        return !(value instanceof Tombstone);
    }
}
