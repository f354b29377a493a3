package org.shopsuite.gateway.health;

import org.shopsuite.gateway.cache.ChangeStreamVouching;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/**
 * Whether the caches are used: only while canal-sync's watermarks say the change stream is within the bound. Shown as
 * {@code changeStream} under {@code /actuator/health}, and always UP: without the change stream the gateway still
 * answers every read correctly, from the owning services. A DOWN here would make a load balancer take every gateway
 * out at once whenever canal-sync stops, turning slower reads into no reads. The details say why, and
 * {@code shop_gateway_change_stream_vouched} / {@code shop_gateway_cache_unvouched_reads_total} show it in metrics.
 */
@Component
class ChangeStreamHealthIndicator extends AbstractHealthIndicator {

    private final ChangeStreamVouching vouching;

    ChangeStreamHealthIndicator(ChangeStreamVouching vouching) {
        this.vouching = vouching;
    }

    @Override
    protected void doHealthCheck(Health.Builder health) {
        health.up()
                .withDetail("caches", vouching.whyNot().isEmpty() ? "used" : "not used: reads go to the owning services")
                .withDetail("behindMillis", vouching.behindMillis())
                .withDetail("boundMillis", vouching.bound().toMillis());
        vouching.whyNot().ifPresent(why -> health.withDetail("why", why + ". Check canal-sync, the Canal server and"
                + " Redis (./stack status)"));
    }
}
