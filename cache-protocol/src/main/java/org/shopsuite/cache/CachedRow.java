package org.shopsuite.cache;

/** A value together with the key it is cached under; views derive their key from their own id. */
public record CachedRow(CacheKey key, CachedValue value) {

    public CachedRow {
        if (key == null || value == null) {
            throw new IllegalArgumentException("a cached row needs a key and a value");
        }
        CacheKey expected = switch (value) {
            case ProductView product -> CacheKey.product(product.productId());
            case AccountView account -> CacheKey.account(account.userId());
            case Tombstone tombstone -> key;
        };
        if (!expected.equals(key)) {
            throw new IllegalArgumentException(value + " does not belong under " + key);
        }
    }

    public static CachedRow of(ProductView product) {
        return new CachedRow(CacheKey.product(product.productId()), product);
    }

    public static CachedRow of(AccountView account) {
        return new CachedRow(CacheKey.account(account.userId()), account);
    }

    public static CachedRow tombstone(CacheKey key, long version) {
        return new CachedRow(key, new Tombstone(version));
    }

    /** The same row at another place in the binlog. */
    public CachedRow withVersion(long version) {
        return new CachedRow(key, value.withVersion(version));
    }

    public long version() {
        return value.version();
    }

    public boolean deleted() {
        return value instanceof Tombstone;
    }

    public String json() {
        return CacheJson.write(value);
    }
}
