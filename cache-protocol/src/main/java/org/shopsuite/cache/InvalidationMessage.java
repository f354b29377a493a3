package org.shopsuite.cache;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * Published on {@link #CHANNEL} after a binlog change reached Redis; every gateway evicts its L1 entry for that key on
 * receipt (and reads L2 next). JSON: {@code {"kind":"product","id":1,"version":3}}; for accounts {@code id} is the
 * user id, as in the key.
 */
public record InvalidationMessage(CacheKey.Kind kind, long id, long version) {

    public static final String CHANNEL = "shop:cache-invalidation";

    public static InvalidationMessage of(CachedRow row) {
        return new InvalidationMessage(row.key().kind(), row.key().id(), row.version());
    }

    @JsonIgnore
    public CacheKey key() {
        return new CacheKey(kind, id);
    }

    public String toJson() {
        return CacheJson.write(this);
    }

    public static InvalidationMessage fromJson(String json) {
        return CacheJson.read(json, InvalidationMessage.class);
    }
}
