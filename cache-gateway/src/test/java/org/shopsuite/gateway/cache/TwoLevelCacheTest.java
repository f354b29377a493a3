package org.shopsuite.gateway.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.shopsuite.api.problem.ApiProblem;
import org.shopsuite.cache.CacheKey;
import org.shopsuite.cache.ChangeStreamWatermark;
import org.shopsuite.cache.ProductView;
import org.shopsuite.cache.Tombstone;

/** The read path's decisions, with L2 and the owner stubbed; the ITs run the same against Redis and the services. */
class TwoLevelCacheTest {

    static final CacheKey KEY = CacheKey.product(3);
    static final ProductView V1 = new ProductView(3, "p", new BigDecimal("2.00"), 10, 1);
    static final ProductView V2 = new ProductView(3, "p", new BigDecimal("2.00"), 9, 2);

    final L1Cache l1 = new L1Cache(new CacheProperties.L1(Duration.ofMinutes(1), Duration.ofMinutes(1), 100));
    final L2Cache l2 = mock(L2Cache.class);
    final RowOwner owner = mock(RowOwner.class);
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    FillPause fillPause = FillPause.NONE;
    long nanos = 0;
    final ChangeStreamVouching vouching = new ChangeStreamVouching(Duration.ofMillis(750), l1, () -> nanos);

    TwoLevelCache cache() {
        vouching.received(new ChangeStreamWatermark(0)); // caught up, unless a test says otherwise
        return new TwoLevelCache(l1, l2, owner, key -> fillPause.beforeStoring(key), new CacheMetrics(registry),
                vouching);
    }

    @Test
    void aMissReadsTheOwnerFillsL2AndKeepsItInL1() {
        when(l2.read(KEY)).thenReturn(Optional.empty());
        when(owner.read(KEY)).thenReturn(V1);
        when(l2.fill(KEY, V1)).thenReturn(FillOutcome.WRITTEN);
        TwoLevelCache cache = cache();

        assertThat(cache.read(KEY)).isEqualTo(new CacheRead(V1, CacheLevel.MISS));
        assertThat(cache.read(KEY)).isEqualTo(new CacheRead(V1, CacheLevel.L1));
        verify(l2).fill(KEY, V1);
        assertThat(registry.counter(CacheMetrics.ORIGIN_LOADS, "kind", "product", "outcome", "found").count())
                .isEqualTo(1);
    }

    @Test
    void anL2HitIsKeptInL1() {
        when(l2.read(KEY)).thenReturn(Optional.of(V1));
        TwoLevelCache cache = cache();

        assertThat(cache.read(KEY).level()).isEqualTo(CacheLevel.L2);
        assertThat(cache.read(KEY).level()).isEqualTo(CacheLevel.L1);
        verify(owner, never()).read(any());
    }

    @Test
    void whenL2RefusesTheFillSomethingNewerIsThereAndL1DoesNotKeepWhatWasRead() {
        when(l2.read(KEY)).thenReturn(Optional.empty(), Optional.of(V2));
        when(owner.read(KEY)).thenReturn(V1);
        when(l2.fill(KEY, V1)).thenReturn(FillOutcome.REFUSED);
        TwoLevelCache cache = cache();

        assertThat(cache.read(KEY)).isEqualTo(new CacheRead(V1, CacheLevel.MISS));
        assertThat(cache.read(KEY)).isEqualTo(new CacheRead(V2, CacheLevel.L2));
    }

    @Test
    void aRowInvalidatedWhileItWasLoadedIsServedOnceButNotKept() {
        when(l2.read(KEY)).thenReturn(Optional.empty());
        when(owner.read(KEY)).thenReturn(V1, V2);
        when(l2.fill(any(), any())).thenReturn(FillOutcome.SKIPPED); // e.g. Redis down
        fillPause = key -> {
            fillPause = FillPause.NONE;
            l1.invalidate(key); // the row changed after the owner answered
        };
        TwoLevelCache cache = cache();

        assertThat(cache.read(KEY)).isEqualTo(new CacheRead(V1, CacheLevel.MISS));
        assertThat(cache.read(KEY)).isEqualTo(new CacheRead(V2, CacheLevel.MISS));
        assertThat(cache.read(KEY)).isEqualTo(new CacheRead(V2, CacheLevel.L1));
        verify(l2, never()).fill(KEY, V1);
    }

    @Test
    void noSuchRowIsRememberedInL1() {
        when(l2.read(KEY)).thenReturn(Optional.empty());
        when(owner.read(KEY)).thenReturn(new Tombstone(RowOwner.UNKNOWN_VERSION));
        when(l2.fill(any(), any())).thenReturn(FillOutcome.SKIPPED);
        TwoLevelCache cache = cache();

        assertThat(cache.read(KEY).found()).isFalse();
        assertThat(cache.read(KEY)).isEqualTo(new CacheRead(new Tombstone(0), CacheLevel.L1));
        verify(owner).read(KEY);
    }

    @Test
    void anUnreachableOwnerIsTheCallersProblemAndNothingIsCached() {
        when(l2.read(KEY)).thenReturn(Optional.empty());
        when(owner.read(KEY)).thenThrow(ApiProblem.unavailable("inventory-service is unreachable"));
        TwoLevelCache cache = cache();

        assertThatThrownBy(() -> cache.read(KEY)).isInstanceOf(ApiProblem.class);
        assertThat(l1.get(KEY)).isEmpty();
        assertThat(registry.counter(CacheMetrics.ORIGIN_LOADS, "kind", "product", "outcome", "failed").count())
                .isEqualTo(1);
    }

    @Test
    void whileTheChangeStreamIsTooFarBehindEveryReadGoesToTheOwnerAndStillFillsL2() {
        when(l2.read(KEY)).thenReturn(Optional.of(V1));
        when(owner.read(KEY)).thenReturn(V2);
        when(l2.fill(KEY, V2)).thenReturn(FillOutcome.WRITTEN);
        TwoLevelCache cache = cache();
        assertThat(cache.read(KEY).level()).isEqualTo(CacheLevel.L2); // V1 now in L1 too

        nanos += Duration.ofMillis(751).toNanos(); // no watermark since

        assertThat(cache.read(KEY)).isEqualTo(new CacheRead(V2, CacheLevel.MISS));
        assertThat(cache.read(KEY)).isEqualTo(new CacheRead(V2, CacheLevel.MISS));
        verify(l2, never()).fill(KEY, V1);
        verify(l2, org.mockito.Mockito.times(2)).fill(KEY, V2);
        assertThat(registry.counter(CacheMetrics.UNVOUCHED, "kind", "product").count()).isEqualTo(2);
    }

    @Test
    void whenTheChangeStreamCatchesUpL1IsDroppedBeforeTheCachesAnswerAgain() {
        when(l2.read(KEY)).thenReturn(Optional.of(V1), Optional.of(V2));
        when(owner.read(KEY)).thenReturn(V2);
        when(l2.fill(any(), any())).thenReturn(FillOutcome.REFUSED);
        TwoLevelCache cache = cache();
        assertThat(cache.read(KEY).value()).isEqualTo(V1); // kept in L1
        nanos += Duration.ofSeconds(5).toNanos();
        assertThat(cache.read(KEY).level()).isEqualTo(CacheLevel.MISS);

        vouching.received(new ChangeStreamWatermark(100)); // caught up: L1 may have missed invalidations

        assertThat(l1.get(KEY)).isEmpty();
        assertThat(cache.read(KEY)).isEqualTo(new CacheRead(V2, CacheLevel.L2));
    }

    @Test
    void beforeTheFirstWatermarkNothingIsVouchedFor() {
        when(owner.read(KEY)).thenReturn(V1);
        when(l2.fill(any(), any())).thenReturn(FillOutcome.WRITTEN);
        TwoLevelCache cache = new TwoLevelCache(l1, l2, owner, FillPause.NONE, new CacheMetrics(registry),
                new ChangeStreamVouching(Duration.ofMillis(750), l1, () -> nanos));

        assertThat(cache.read(KEY).level()).isEqualTo(CacheLevel.MISS);
        verify(l2, never()).read(any());
    }
}
