package org.shopsuite.canalsync;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.shopsuite.cache.CacheWrite;

/**
 * The cache writes of the batches acked in the last {@code window}, oldest first, at most {@code limit} of them. A
 * Redis failover can lose writes that were acked: replication is asynchronous, and the replica that confirmed a batch
 * need not be the one the sentinels promote. These are what canal-sync writes again on a new master (versioned
 * writes, so a value the new master already has, or a newer one, stays).
 */
final class RecentWrites {

    private record Written(Instant at, CacheWrite write) {
    }

    private final Duration window;
    private final int limit;
    private final Clock clock;
    private final Deque<Written> writes = new ArrayDeque<>();

    RecentWrites(Duration window, int limit, Clock clock) {
        this.window = window;
        this.limit = limit;
        this.clock = clock;
    }

    synchronized void add(List<CacheWrite> acked) {
        Instant now = clock.instant();
        acked.forEach(write -> writes.addLast(new Written(now, write)));
        forgetOld(now);
    }

    synchronized List<CacheWrite> all() {
        forgetOld(clock.instant());
        return writes.stream().map(Written::write).toList();
    }

    private void forgetOld(Instant now) {
        Instant oldest = now.minus(window);
        while (!writes.isEmpty() && (writes.size() > limit || writes.peekFirst().at().isBefore(oldest))) {
            writes.removeFirst();
        }
    }
}
