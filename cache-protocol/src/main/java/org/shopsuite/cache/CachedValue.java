package org.shopsuite.cache;

/** What a cache key holds: a row's public view, or the tombstone of a deleted row. Each carries its binlog version. */
public sealed interface CachedValue permits ProductView, AccountView, Tombstone {

    /** Where this image stands in the binlog ({@link BinlogVersion}); orders the images of one row. */
    long version();

    /** The same image at another place in the binlog. */
    CachedValue withVersion(long version);
}
