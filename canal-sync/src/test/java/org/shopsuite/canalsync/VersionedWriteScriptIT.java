package org.shopsuite.canalsync;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.shopsuite.cache.AccountView;
import org.shopsuite.cache.CacheKey;
import org.shopsuite.cache.CacheWrite;
import org.shopsuite.cache.CachedRow;
import org.shopsuite.cache.ProductView;
import org.shopsuite.cache.Tombstone;
import org.shopsuite.cache.VersionedCacheWriter;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * cache-protocol's compare-and-set script, run by the real Redis master: which write kind may replace what. Keys of
 * rows that don't exist in the database, so canal-sync never touches them.
 */
class VersionedWriteScriptIT extends CanalSyncTestSupport {

    private static final AtomicLong ids = new AtomicLong(2_000_000_000L);

    @Autowired
    VersionedCacheWriter writer;

    @Test
    void aFillWritesAnAbsentKeyAndReplacesOnlyAStrictlyOlderVersion() {
        long id = ids.incrementAndGet();

        assertThat(writer.fill(CachedRow.of(product(id, 3)))).isTrue();
        assertThat(writer.fill(CachedRow.of(product(id, 2)))).isFalse();
        assertThat(writer.fill(CachedRow.of(product(id, 3)))).isFalse();
        assertThat(writer.fill(CachedRow.of(product(id, 4)))).isTrue();

        assertThat(cached(CacheKey.product(id))).isEqualTo(product(id, 4));
    }

    @Test
    void aFillNeverReplacesATombstone() {
        long id = ids.incrementAndGet();
        writer.write(CacheWrite.delete(CacheKey.product(id), 5));

        assertThat(writer.fill(CachedRow.of(product(id, 6)))).isFalse();
        assertThat(cached(CacheKey.product(id))).isEqualTo(new Tombstone(5));
    }

    @Test
    void aChangeReplacesOnlyAnOlderVersionSoReplaysAreHarmless() {
        long id = ids.incrementAndGet();

        assertThat(writer.write(CacheWrite.change(CachedRow.of(account(id, 1)), true))).isTrue();
        assertThat(writer.write(CacheWrite.change(CachedRow.of(account(id, 3)), false))).isTrue();
        assertThat(writer.write(CacheWrite.change(CachedRow.of(account(id, 2)), false))).isFalse(); // late
        assertThat(writer.write(CacheWrite.change(CachedRow.of(account(id, 3)), false))).isFalse(); // replayed
        assertThat(writer.write(CacheWrite.change(CachedRow.of(account(id, 1)), true))).isFalse(); // replayed insert

        assertThat(cached(CacheKey.account(id))).isEqualTo(account(id, 3));
    }

    @Test
    void onlyAnInsertReplacesATombstoneOfANewerVersion() {
        long id = ids.incrementAndGet();
        writer.write(CacheWrite.delete(CacheKey.product(id), 5));

        assertThat(writer.write(CacheWrite.change(CachedRow.of(product(id, 4)), false))).isFalse(); // an update from before the delete
        assertThat(writer.write(CacheWrite.change(CachedRow.of(product(id, 1)), true))).isTrue(); // the row was inserted again

        assertThat(cached(CacheKey.product(id))).isEqualTo(product(id, 1));
    }

    @Test
    void aDeleteAlwaysWritesItsTombstoneWithAShortTtl() {
        long id = ids.incrementAndGet();
        writer.write(CacheWrite.change(CachedRow.of(product(id, 9)), false));

        assertThat(writer.write(CacheWrite.delete(CacheKey.product(id), 2))).isTrue();

        assertThat(cached(CacheKey.product(id))).isEqualTo(new Tombstone(2));
        assertThat(redis.getExpire(CacheKey.product(id).redisKey())).isBetween(55L, 60L);
    }

    @Test
    void entriesExpireAfterThirtyMinutesGiveOrTakeTenPercent() {
        long id = ids.incrementAndGet();

        writer.fill(CachedRow.of(product(id, 1)));

        assertThat(redis.getExpire(CacheKey.product(id).redisKey())).isBetween(27 * 60L, 33 * 60L);
    }

    @Test
    void somethingThatIsNotAVersionedValueIsReplaced() {
        long id = ids.incrementAndGet();
        redis.opsForValue().set(CacheKey.product(id).redisKey(), "left over by something else");

        assertThat(writer.fill(CachedRow.of(product(id, 1)))).isTrue();
        assertThat(cached(CacheKey.product(id))).isEqualTo(product(id, 1));
    }

    @Test
    void aPipelinedBatchIsAppliedInOrderAndSaysWhichWritesWentIn() {
        long id = ids.incrementAndGet();

        List<Boolean> wrote = writer.writeAll(List.of(
                CacheWrite.change(CachedRow.of(product(id, 1)), true),
                CacheWrite.change(CachedRow.of(product(id, 2)), false),
                CacheWrite.change(CachedRow.of(product(id, 2)), false),
                CacheWrite.fill(CachedRow.of(product(id, 1))),
                CacheWrite.delete(CacheKey.product(id), 2)), connection -> { });

        assertThat(wrote).containsExactly(true, true, false, false, true);
        assertThat(cached(CacheKey.product(id))).isEqualTo(new Tombstone(2));
    }

    private static ProductView product(long id, long version) {
        return new ProductView(id, "script-" + id, new BigDecimal("1.00"), (int) version, version);
    }

    private static AccountView account(long userId, long version) {
        return new AccountView(userId, new BigDecimal("10.00").add(BigDecimal.valueOf(version)), version);
    }
}
