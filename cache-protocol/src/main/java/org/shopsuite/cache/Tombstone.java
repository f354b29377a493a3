package org.shopsuite.cache;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * Stands in for a deleted row for a short while, so a cache fill that read the row just before the delete cannot bring
 * it back. JSON: {@code {"deleted":true,"version":V}} with V the binlog place of the DELETE ({@link BinlogVersion}).
 */
@JsonPropertyOrder({"deleted", "version"})
public record Tombstone(long version) implements CachedValue {

    @JsonProperty("deleted")
    public boolean deleted() {
        return true;
    }

    @Override
    public Tombstone withVersion(long version) {
        return new Tombstone(version);
    }
}
