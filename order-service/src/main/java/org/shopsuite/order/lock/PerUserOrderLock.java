package org.shopsuite.order.lock;

import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.redisson.api.RLock;
import org.redisson.api.RedissonClient;
import org.redisson.client.RedisException;
import org.shopsuite.api.problem.TraceIds;
import org.springframework.stereotype.Component;

/**
 * One order in flight per user across all order-service instances: a Redisson lock per user, taken without waiting
 * (a second request fails fast) and held for the whole global transaction. Redisson's watchdog keeps extending it
 * while this instance lives, and lets it expire 30 s after the instance dies.
 */
@Component
public class PerUserOrderLock {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(PerUserOrderLock.class);

    private final RedissonClient redisson;

    PerUserOrderLock(RedissonClient redisson) {
        this.redisson = redisson;
    }

    /**
     * The held lock, or empty if another request of this user holds it. Release it on the same thread.
     *
     * @throws OrderLockUnavailable if Redis could not say (down, failing over) or the thread was interrupted
     */
    public Optional<Held> tryAcquire(long userId) {
        RLock lock = redisson.getLock("shop:order-lock:user:" + userId);
        try {
            return lock.tryLock(0, TimeUnit.MILLISECONDS) ? Optional.of(new Held(lock)) : Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OrderLockUnavailable("interrupted while taking the per-user order lock");
        } catch (RedisException e) {
            String traceId = TraceIds.next();
            log.warn("per-user lock for user {} unavailable (traceId={}): {}", userId, traceId, e.toString());
            throw new OrderLockUnavailable("the per-user order lock is unavailable; nothing was changed, retry"
                    + " shortly").withProperty(TraceIds.PROPERTY, traceId);
        }
    }

    /** A lock this thread holds; closing releases it (and never someone else's). */
    public static final class Held implements AutoCloseable {
        private final RLock lock;

        Held(RLock lock) {
            this.lock = lock;
        }

        @Override
        public void close() {
            // One round trip: unlock checks the owner itself (asking isHeldByCurrentThread first cost a second one).
            try {
                lock.unlock();
            } catch (IllegalMonitorStateException notOurs) {
                // Only if Redis lost the lock under us (a failover to a replica that had not seen it): not ours to free.
                log.warn("per-user lock {} was no longer held at release: {}", lock.getName(), notOurs.getMessage());
            } catch (RedisException e) {
                // The watchdog stops renewing it with this thread's unlock attempt; it expires within 30 s.
                log.warn("could not release per-user lock {} ({}); it expires within 30 s", lock.getName(),
                        e.toString());
            }
        }
    }
}
