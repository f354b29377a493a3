package org.shopsuite.cache;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/**
 * Which cached row a Redis key holds: {@code shop:product:{productId}} or {@code shop:account:{userId}}. Accounts are
 * keyed by user id, not account id, because that is the id the API reads them by.
 */
public record CacheKey(Kind kind, long id) {

    private static final String PREFIX = "shop:";

    public enum Kind {
        PRODUCT("product"),
        ACCOUNT("account");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        /** The lowercase name used in Redis keys and invalidation messages. */
        @JsonValue
        public String label() {
            return label;
        }

        @JsonCreator
        public static Kind fromLabel(String label) {
            return Arrays.stream(values()).filter(k -> k.label.equals(label)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown cache kind: " + label));
        }
    }

    public CacheKey {
        if (kind == null) {
            throw new IllegalArgumentException("a cache key needs a kind");
        }
    }

    public static CacheKey product(long productId) {
        return new CacheKey(Kind.PRODUCT, productId);
    }

    public static CacheKey account(long userId) {
        return new CacheKey(Kind.ACCOUNT, userId);
    }

    public String redisKey() {
        return PREFIX + kind.label + ":" + id;
    }

    /** The inverse of {@link #redisKey()}. */
    public static CacheKey parse(String redisKey) {
        String[] parts = redisKey.split(":");
        if (parts.length != 3 || !(parts[0] + ":").equals(PREFIX)) {
            throw new IllegalArgumentException("not a shop cache key: " + redisKey);
        }
        return new CacheKey(Kind.fromLabel(parts[1]), Long.parseLong(parts[2]));
    }

    @Override
    public String toString() {
        return redisKey();
    }
}
