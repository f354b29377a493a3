package org.shopsuite.canalsync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.shopsuite.cache.CacheKey;
import org.shopsuite.cache.CacheWrite;

class RecentWritesTest {

    private final SyncProgressTest.MutableClock clock =
            new SyncProgressTest.MutableClock(Instant.parse("2026-12-01T12:00:00Z"));

    @Test
    void keepsTheWritesOfTheWindowOldestFirst() {
        RecentWrites recent = new RecentWrites(Duration.ofSeconds(60), 100, clock);
        recent.add(List.of(delete(1)));
        clock.advance(Duration.ofSeconds(30));
        recent.add(List.of(delete(2), delete(3)));

        assertThat(recent.all()).containsExactly(delete(1), delete(2), delete(3));

        clock.advance(Duration.ofSeconds(31)); // the first batch is now 61 s old
        assertThat(recent.all()).containsExactly(delete(2), delete(3));
    }

    @Test
    void keepsAtMostTheLimitDroppingTheOldest() {
        RecentWrites recent = new RecentWrites(Duration.ofSeconds(60), 2, clock);
        recent.add(List.of(delete(1), delete(2), delete(3)));

        assertThat(recent.all()).containsExactly(delete(2), delete(3));
    }

    private static CacheWrite delete(long productId) {
        return CacheWrite.delete(CacheKey.product(productId), 1);
    }
}
