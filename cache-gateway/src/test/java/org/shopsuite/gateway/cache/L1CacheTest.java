package org.shopsuite.gateway.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.shopsuite.cache.CacheKey;
import org.shopsuite.cache.ProductView;
import org.shopsuite.cache.Tombstone;

class L1CacheTest {

    static final CacheKey KEY = CacheKey.product(7);
    static final ProductView V1 = new ProductView(7, "p", new BigDecimal("1.00"), 5, 1);
    static final ProductView V2 = new ProductView(7, "p", new BigDecimal("1.00"), 4, 2);

    final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    final L1Cache l1 = new L1Cache(new CacheProperties.L1(Duration.ofMillis(800), Duration.ofMillis(500), 1000),
            nanos::get);

    @Test
    void aStoredRowIsServedUntilItsTtlEvenWithoutAnyInvalidation() {
        assertThat(l1.putUnlessInvalidatedSince(KEY, V1, l1.mark())).isTrue();

        advance(799);
        assertThat(l1.get(KEY)).contains(V1);
        advance(1);
        assertThat(l1.get(KEY)).isEmpty();
    }

    @Test
    void noSuchRowIsRememberedForTheShorterNegativeTtl() {
        l1.putUnlessInvalidatedSince(KEY, new Tombstone(0), l1.mark());

        advance(499);
        assertThat(l1.get(KEY)).contains(new Tombstone(0));
        advance(1);
        assertThat(l1.get(KEY)).isEmpty();
    }

    @Test
    void anInvalidationDropsTheEntry() {
        l1.putUnlessInvalidatedSince(KEY, V1, l1.mark());

        l1.invalidate(KEY);

        assertThat(l1.get(KEY)).isEmpty();
    }

    @Test
    void aLoadThatBeganBeforeAnInvalidationCannotStoreWhatItRead() {
        L1Cache.Mark loadBegan = l1.mark();
        l1.invalidate(KEY); // the row changed while the load was reading it

        assertThat(l1.putUnlessInvalidatedSince(KEY, V1, loadBegan)).isFalse();
        assertThat(l1.get(KEY)).isEmpty();
    }

    @Test
    void aLoadThatBeganAfterTheInvalidationStores() {
        l1.invalidate(KEY);

        assertThat(l1.putUnlessInvalidatedSince(KEY, V2, l1.mark())).isTrue();
        assertThat(l1.get(KEY)).contains(V2);
    }

    @Test
    void otherKeysInvalidationsDontRefuseALoad() {
        L1Cache.Mark loadBegan = l1.mark();
        l1.invalidate(CacheKey.product(8));
        l1.invalidate(CacheKey.account(7));

        assertThat(l1.putUnlessInvalidatedSince(KEY, V1, loadBegan)).isTrue();
    }

    @Test
    void clearingDropsEverythingAndRefusesEveryLoadInFlight() {
        l1.putUnlessInvalidatedSince(KEY, V1, l1.mark());
        L1Cache.Mark loadBegan = l1.mark();

        l1.invalidateAll();

        assertThat(l1.get(KEY)).isEmpty();
        assertThat(l1.putUnlessInvalidatedSince(KEY, V1, loadBegan)).isFalse();
        assertThat(l1.putUnlessInvalidatedSince(KEY, V2, l1.mark())).isTrue();
    }

    @Test
    void aRefusedStoreDoesNotExtendTheLifeOfWhatIsThere() {
        L1Cache.Mark staleLoad = l1.mark();
        l1.invalidate(KEY);
        l1.putUnlessInvalidatedSince(KEY, V2, l1.mark());
        advance(700);

        assertThat(l1.putUnlessInvalidatedSince(KEY, V1, staleLoad)).isFalse();

        advance(100);
        assertThat(l1.get(KEY)).isEmpty();
    }

    @Test
    void aLoadOlderThanTheInvalidationMemoryIsNotTrusted() {
        L1Cache.Mark loadBegan = l1.mark();
        advance(L1Cache.INVALIDATION_MEMORY.toMillis() + 1);

        assertThat(l1.putUnlessInvalidatedSince(KEY, V1, loadBegan)).isFalse();
    }

    private void advance(long millis) {
        nanos.addAndGet(Duration.ofMillis(millis).toNanos());
    }
}
