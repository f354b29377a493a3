package org.shopsuite.gateway.cache;

import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.shopsuite.cache.ChangeStreamWatermark;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether this gateway can vouch for what L1 and L2 hold: only while the change stream (binlog -> Canal -> canal-sync
 * -> Redis) is at most {@code bound} behind. canal-sync's watermarks ({@link ChangeStreamWatermark}) say how far behind
 * it was when it sent them; every change committed before {@code receivedAt - behindMillis} has reached L2 and its
 * invalidation has reached this instance (it came first, on the same connection). With that point further back than
 * the bound (canal-sync stopped or stuck, the Canal server gone, Redis down: nothing arrives) reads go to the owning
 * service instead. When it is back within the bound, L1 is dropped before the caches are used again: invalidations
 * may have been missed meanwhile.
 *
 * <p>The times are this instance's own monotonic clock: an age sent with the message needs no clock sync.
 */
public final class ChangeStreamVouching {

    private static final Logger log = LoggerFactory.getLogger(ChangeStreamVouching.class);
    /** Before the first watermark: nothing is vouched for. */
    private static final long NEVER = Long.MIN_VALUE;

    private final Duration bound;
    private final L1Cache l1;
    private final LongSupplier nanoClock;
    /** Every change committed before this instant (nanoClock) is in L2 and invalidated here. */
    private volatile long safeThrough = NEVER;
    /** Whether the caches were used at the last look: changed under this lock, read without it on every read. */
    private volatile boolean vouching;
    /** Guarded by this: since when the caches are not used. */
    private long stoppedAt = NEVER;

    public ChangeStreamVouching(Duration bound, L1Cache l1) {
        this(bound, l1, System::nanoTime);
    }

    ChangeStreamVouching(Duration bound, L1Cache l1, LongSupplier nanoClock) {
        this.bound = bound;
        this.l1 = l1;
        this.nanoClock = nanoClock;
    }

    /** A watermark arrived now. */
    public void received(ChangeStreamWatermark watermark) {
        long through = nanoClock.getAsLong() - Duration.ofMillis(watermark.behindMillis()).toNanos();
        synchronized (this) {
            if (safeThrough == NEVER || through - safeThrough > 0) {
                safeThrough = through;
            }
        }
        vouches();
    }

    /**
     * Whether L1 and L2 may answer now. The first call that finds the stream back within the bound drops L1 before it
     * answers true.
     */
    public boolean vouches() {
        long behind = behindNanos();
        boolean within = behind <= bound.toNanos();
        if (within == vouching) {
            return within; // the common case: no lock
        }
        synchronized (this) {
            within = behindNanos() <= bound.toNanos();
            if (within && !vouching) {
                l1.invalidateAll(); // first: a read that sees vouching=true must not find what L1 kept meanwhile
                vouching = true;
                if (stoppedAt != NEVER) {
                    log.info("The change stream is {} ms behind again (bound {} ms): L1 dropped, the caches are used"
                            + " again after {} ms", behind / 1_000_000, bound.toMillis(),
                            (nanoClock.getAsLong() - stoppedAt) / 1_000_000);
                } else {
                    log.info("The change stream is {} ms behind (bound {} ms): the caches are used",
                            behind / 1_000_000, bound.toMillis());
                }
            } else if (!within && vouching) {
                vouching = false;
                stoppedAt = nanoClock.getAsLong();
                log.warn("The caches are not used: {}. Reads are served by the owning services (X-Cache: MISS) until"
                        + " canal-sync has caught up. Check canal-sync, the Canal server and Redis (./stack status,"
                        + " ./stack logs canal-sync, canal-sync's /actuator/health).", why(behind));
            }
            return vouching;
        }
    }

    /** Why the caches are not used now (also before the first watermark); empty while they are. */
    public Optional<String> whyNot() {
        long behind = behindNanos();
        return behind <= bound.toNanos() ? Optional.empty() : Optional.of(why(behind));
    }

    /** How far behind the change stream is known to be, in ms; -1 before the first watermark. */
    public long behindMillis() {
        return safeThrough == NEVER ? -1 : behindNanos() / 1_000_000;
    }

    public Duration bound() {
        return bound;
    }

    private long behindNanos() {
        long through = safeThrough;
        return through == NEVER ? Long.MAX_VALUE : nanoClock.getAsLong() - through;
    }

    private String why(long behindNanos) {
        if (behindNanos == Long.MAX_VALUE) {
            return "no watermark from canal-sync yet, so nothing says the change stream has reached the caches";
        }
        return "the change stream is " + behindNanos / 1_000_000 + " ms behind, more than the bound of "
                + bound.toMillis() + " ms: canal-sync's watermarks are late or missing (canal-sync, the Canal server"
                + " or Redis down or behind)";
    }
}
