package org.shopsuite.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CacheTtlTest {

    @Test
    void entriesLiveThirtyMinutesGiveOrTakeTenPercentAndSpreadOut() {
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            long ttl = CacheTtl.DEFAULT.entryMillis();
            assertThat(ttl).isBetween(27 * 60_000L, 33 * 60_000L);
            seen.add(ttl);
        }
        assertThat(seen).hasSizeGreaterThan(100);
    }

    @Test
    void tombstonesLiveAMinute() {
        assertThat(CacheTtl.DEFAULT.millisFor(CachedRow.tombstone(CacheKey.product(1), 1))).isEqualTo(60_000L);
        assertThat(CacheTtl.DEFAULT.millisFor(CachedRow.of(new AccountView(1, BigDecimal.ONE, 1))))
                .isBetween(27 * 60_000L, 33 * 60_000L);
    }
}
