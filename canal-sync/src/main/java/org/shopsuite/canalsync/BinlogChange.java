package org.shopsuite.canalsync;

import org.shopsuite.cache.CacheWrite;

/**
 * One cache write a binlog row change asks for, with where it came from.
 *
 * @param position    binlog {@code file:offset} of the row's event
 * @param executeTime when the server wrote the event (epoch millis; the binlog has second resolution)
 */
record BinlogChange(CacheWrite write, CachedTable table, String eventType, String position, long executeTime) {

    /** The same change at another place in the binlog: an XA transaction's rows take their XA COMMIT's place. */
    BinlogChange withVersion(long version) {
        return new BinlogChange(write.withVersion(version), table, eventType, position, executeTime);
    }
}
