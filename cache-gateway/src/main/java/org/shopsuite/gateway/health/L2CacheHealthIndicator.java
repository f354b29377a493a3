package org.shopsuite.gateway.health;

import org.shopsuite.gateway.cache.InvalidationSubscription;
import org.shopsuite.gateway.cache.L2Cache;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/**
 * Says whether Redis answers, whether reads skip it for now, and whether invalidations arrive, but is always UP:
 * without Redis the gateway serves from L1 and the owning services, slower but correct (L1's TTL bounds staleness).
 * Shown as {@code l2Cache} under {@code /actuator/health}.
 */
@Component
class L2CacheHealthIndicator extends AbstractHealthIndicator {

    private final L2Cache l2;
    private final InvalidationSubscription invalidations;

    L2CacheHealthIndicator(L2Cache l2, InvalidationSubscription invalidations) {
        this.l2 = l2;
        this.invalidations = invalidations;
    }

    @Override
    protected void doHealthCheck(Health.Builder health) {
        health.up()
                .withDetail("redis", l2.problem().map(problem -> "unreachable: " + problem).orElse("reachable"))
                .withDetail("breaker", l2.isBreakerOpen() ? "open: reads skip Redis" : "closed")
                .withDetail("invalidations", invalidations.isSubscribed() ? "subscribed" : "not subscribed");
    }
}
