package org.shopsuite.cache;

/** What a cache key holds: a row's public view, or the tombstone of a deleted row. Each carries the row version. */
public sealed interface CachedValue permits ProductView, AccountView, Tombstone {

    /** The row's {@code version} column, bumped by a trigger on every UPDATE; orders the images of one row. */
    long version();
}
