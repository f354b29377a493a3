package org.shopsuite.gateway.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.shopsuite.cache.CacheKey;
import org.shopsuite.cache.ChangeStreamWatermark;
import org.shopsuite.cache.ProductView;

/** The watermark bookkeeping: how far behind the change stream is, by this instance's own clock. */
class ChangeStreamVouchingTest {

    final L1Cache l1 = new L1Cache(new CacheProperties.L1(Duration.ofMinutes(1), Duration.ofMinutes(1), 100));
    long nanos = 1_000_000_000_000L;
    final ChangeStreamVouching vouching = new ChangeStreamVouching(Duration.ofMillis(750), l1, () -> nanos);

    @Test
    void aWatermarkVouchesUntilItsAgePlusTheTimeSinceItArrivedPassesTheBound() {
        vouching.received(new ChangeStreamWatermark(300));

        assertThat(vouching.vouches()).isTrue();
        assertThat(vouching.behindMillis()).isEqualTo(300);
        advance(450);
        assertThat(vouching.vouches()).isTrue(); // 750 ms behind: at the bound
        advance(1);
        assertThat(vouching.vouches()).isFalse();
        assertThat(vouching.whyNot()).get().asString().contains("751 ms behind").contains("canal-sync");
    }

    @Test
    void anOlderWatermarkArrivingLateDoesNotMoveTheSafePointBack() {
        vouching.received(new ChangeStreamWatermark(0));
        advance(10);
        vouching.received(new ChangeStreamWatermark(5_000)); // e.g. sent while canal-sync was stuck

        assertThat(vouching.behindMillis()).isEqualTo(10);
        assertThat(vouching.vouches()).isTrue();
    }

    @Test
    void nothingIsVouchedForBeforeTheFirstWatermark() {
        assertThat(vouching.vouches()).isFalse();
        assertThat(vouching.behindMillis()).isEqualTo(-1);
        assertThat(vouching.whyNot()).get().asString().contains("no watermark");
    }

    @Test
    void vouchingAgainDropsL1First() {
        vouching.received(new ChangeStreamWatermark(0));
        assertThat(vouching.vouches()).isTrue();
        CacheKey key = CacheKey.product(1);
        l1.putUnlessInvalidatedSince(key, new ProductView(1, "p", BigDecimal.ONE, 1, 1), l1.mark());
        advance(1_000);
        assertThat(vouching.vouches()).isFalse();
        assertThat(l1.get(key)).isPresent(); // kept, but not used

        vouching.received(new ChangeStreamWatermark(20));

        assertThat(l1.get(key)).isEmpty();
        assertThat(vouching.vouches()).isTrue();
    }

    private void advance(long millis) {
        nanos += Duration.ofMillis(millis).toNanos();
    }
}
