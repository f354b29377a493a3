package org.shopsuite.gateway.cache;

import java.time.Duration;
import org.shopsuite.cache.ChangeStreamWatermark;
import org.shopsuite.cache.InvalidationMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.task.SyncTaskExecutor;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

/**
 * Keeps this instance subscribed to {@code shop:cache-invalidation} and {@code shop:change-stream-watermark}. Spring Data's listener container refuses to start
 * while Redis is unreachable, which must not keep the gateway from starting (it serves without Redis): so the first
 * subscription is retried in the background until it succeeds. From then on the container and Lettuce reconnect on
 * their own, and each (re)subscription empties L1 (see {@link CacheInvalidationListener}).
 */
public final class InvalidationSubscription implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(InvalidationSubscription.class);
    /** Retries back off to this, so a Redis that stays down costs a log line (Lettuce's) every few seconds only. */
    private static final Duration MAX_RETRY_WAIT = Duration.ofSeconds(5);

    private final RedisMessageListenerContainer container = new RedisMessageListenerContainer();
    private final Duration retryEvery;
    private volatile boolean running;
    private Thread subscribing;

    public InvalidationSubscription(RedisConnectionFactory redis, CacheInvalidationListener listener,
                                    WatermarkListener watermarks, Duration retryEvery) {
        this.retryEvery = retryEvery;
        container.setConnectionFactory(redis);
        // The default executor runs each message on a thread of its own, which can reorder them; keep their order.
        container.setTaskExecutor(new SyncTaskExecutor());
        container.setRecoveryInterval(retryEvery.toMillis());
        container.addMessageListener(listener, new ChannelTopic(InvalidationMessage.CHANNEL));
        // On the same subscription (one connection): a watermark arrives after every invalidation it covers.
        container.addMessageListener(watermarks, new ChannelTopic(ChangeStreamWatermark.CHANNEL));
        container.afterPropertiesSet();
    }

    @Override
    public synchronized void start() {
        running = true;
        subscribing = Thread.ofVirtual().name("invalidation-subscription").start(this::subscribe);
    }

    private void subscribe() {
        Duration wait = retryEvery;
        for (int attempt = 1; running; attempt++) {
            try {
                container.start();
                return;
            } catch (RuntimeException e) {
                if (attempt == 1) {
                    log.warn("cannot subscribe to {} yet ({}); L1 relies on its TTL until then, retrying",
                            InvalidationMessage.CHANNEL, e.getMessage());
                }
                container.stop();
            }
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                return; // stopping
            }
            wait = wait.multipliedBy(2).compareTo(MAX_RETRY_WAIT) > 0 ? MAX_RETRY_WAIT : wait.multipliedBy(2);
        }
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (subscribing != null) {
            subscribing.interrupt();
        }
        container.stop();
        try {
            container.destroy();
        } catch (Exception e) {
            log.debug("closing the invalidation subscription failed", e);
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Whether messages are being received now. */
    public boolean isSubscribed() {
        return container.isListening();
    }
}
