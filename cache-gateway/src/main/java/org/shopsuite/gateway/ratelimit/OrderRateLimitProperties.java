package org.shopsuite.gateway.ratelimit;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Limits on {@code POST /api/orders}, shared by every gateway instance (the buckets are in Redis): a token bucket per
 * user and one per client address. Defaults sit far above what a person or the benchmark does (README, Rate limits).
 *
 * @param enabled  {@code SHOP_RATE_LIMIT_ENABLED}
 * @param perUser  {@code SHOP_RATE_LIMIT_USER_BURST} / {@code SHOP_RATE_LIMIT_USER_PER_SECOND}
 * @param perClientAddress {@code SHOP_RATE_LIMIT_ADDRESS_BURST} / {@code SHOP_RATE_LIMIT_ADDRESS_PER_SECOND}
 */
@ConfigurationProperties("shop.rate-limit.orders")
public record OrderRateLimitProperties(boolean enabled, Bucket perUser, Bucket perClientAddress) {

    /**
     * @param burst     how many requests may come at once (the bucket's capacity)
     * @param perSecond how fast the bucket refills: the sustained rate allowed
     */
    public record Bucket(int burst, double perSecond) {
        public Bucket {
            if (burst < 1 || perSecond <= 0) {
                throw new IllegalArgumentException("a rate limit needs a burst of at least 1 and a positive rate per"
                        + " second, got burst " + burst + ", per-second " + perSecond);
            }
        }
    }
}
