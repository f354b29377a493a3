package org.shopsuite.gateway.cache;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps reads away from a Redis that just failed: after a failure, calls are skipped for {@code openFor}; then the
 * first call tries Redis again (and, while it runs, the others keep skipping). Its success closes the breaker, its
 * failure opens it again. L2 is only an optimisation, so a skipped call is simply a cache miss for the caller.
 */
public final class RedisCircuitBreaker {

    private static final Logger log = LoggerFactory.getLogger(RedisCircuitBreaker.class);
    private static final long CLOSED = Long.MIN_VALUE;

    private final long openForNanos;
    private final LongSupplier nanoClock;
    /** {@link #CLOSED}, or the time from which the next call may try Redis again. */
    private final AtomicLong retryFrom = new AtomicLong(CLOSED);

    public RedisCircuitBreaker(Duration openFor) {
        this(openFor, System::nanoTime);
    }

    RedisCircuitBreaker(Duration openFor, LongSupplier nanoClock) {
        this.openForNanos = openFor.toNanos();
        this.nanoClock = nanoClock;
    }

    /**
     * The call's result (which must not be null); empty when the breaker is open or the call failed (which opens it).
     */
    public <T> Optional<T> call(String what, Supplier<T> redisCall) {
        if (!mayCall()) {
            return Optional.empty();
        }
        try {
            T result = redisCall.get();
            if (retryFrom.getAndSet(CLOSED) != CLOSED) {
                log.info("Redis answers again: L2 back in use");
            }
            return Optional.of(result);
        } catch (RuntimeException e) {
            if (retryFrom.getAndSet(nanoClock.getAsLong() + openForNanos) == CLOSED) {
                log.warn("Redis failed ({}: {}); serving without L2 for {} ms at a time until it answers again",
                        what, e.getMessage(), openForNanos / 1_000_000);
            }
            return Optional.empty();
        }
    }

    public boolean isOpen() {
        return retryFrom.get() != CLOSED;
    }

    private boolean mayCall() {
        long from = retryFrom.get();
        if (from == CLOSED) {
            return true;
        }
        long now = nanoClock.getAsLong();
        // One trial per open period: the caller that moves the retry time on gets to try.
        return now - from >= 0 && retryFrom.compareAndSet(from, now + openForNanos);
    }
}
