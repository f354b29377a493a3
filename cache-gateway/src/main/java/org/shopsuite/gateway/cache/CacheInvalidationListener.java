package org.shopsuite.gateway.cache;

import java.nio.charset.StandardCharsets;
import org.shopsuite.cache.InvalidationMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.connection.SubscriptionListener;

/**
 * Follows canal-sync's broadcasts on {@code shop:cache-invalidation}: drops the L1 entry each message names, so the
 * next read goes to L2, which canal-sync updated before it published.
 *
 * <p>Redis confirms the subscription on start and again whenever the client resubscribes after losing its connection
 * (a Redis restart, a failover). Broadcasts sent meanwhile are lost, so each confirmation drops all of L1.
 */
public final class CacheInvalidationListener implements MessageListener, SubscriptionListener {

    private static final Logger log = LoggerFactory.getLogger(CacheInvalidationListener.class);

    private final L1Cache l1;
    private final CacheMetrics metrics;

    public CacheInvalidationListener(L1Cache l1, CacheMetrics metrics) {
        this.l1 = l1;
        this.metrics = metrics;
    }

    @Override
    public void onMessage(Message message, byte[] pattern) {
        String body = new String(message.getBody(), StandardCharsets.UTF_8);
        InvalidationMessage invalidation;
        try {
            invalidation = InvalidationMessage.fromJson(body);
        } catch (IllegalArgumentException e) {
            // Some row changed, we can't tell which: drop them all rather than keep one stale.
            log.warn("unreadable invalidation message, dropping all of L1: {}", body);
            clearAll("unreadable");
            return;
        }
        l1.invalidate(invalidation.key());
        metrics.invalidation("message");
    }

    @Override
    public void onChannelSubscribed(byte[] channel, long count) {
        log.info("subscribed to {}: L1 starts empty (broadcasts may have been missed while unsubscribed)",
                new String(channel, StandardCharsets.UTF_8));
        clearAll("resubscribed");
    }

    private void clearAll(String cause) {
        l1.invalidateAll();
        metrics.invalidation(cause);
    }
}
