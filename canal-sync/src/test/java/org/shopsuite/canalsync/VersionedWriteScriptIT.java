package org.shopsuite.canalsync;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.shopsuite.cache.AccountView;
import org.shopsuite.cache.BinlogVersion;
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
    void aFillReplacesATombstoneOnlyWhenItReadAfterTheDelete() {
        long id = ids.incrementAndGet();
        writer.write(CacheWrite.delete(CacheKey.product(id), 5));

        assertThat(writer.fill(CachedRow.of(product(id, 4)))).isFalse(); // read before the delete
        assertThat(writer.fill(CachedRow.of(product(id, 5)))).isFalse();
        assertThat(cached(CacheKey.product(id))).isEqualTo(new Tombstone(5));
        assertThat(writer.fill(CachedRow.of(product(id, 6)))).isTrue(); // read after a re-insert
        assertThat(cached(CacheKey.product(id))).isEqualTo(product(id, 6));
    }

    @Test
    void aChangeReplacesOnlyAnOlderVersionSoReplaysAreHarmless() {
        long id = ids.incrementAndGet();

        assertThat(writer.write(CacheWrite.change(CachedRow.of(account(id, 1))))).isTrue();
        assertThat(writer.write(CacheWrite.change(CachedRow.of(account(id, 3))))).isTrue();
        assertThat(writer.write(CacheWrite.change(CachedRow.of(account(id, 2))))).isFalse(); // late
        assertThat(writer.write(CacheWrite.change(CachedRow.of(account(id, 3))))).isFalse(); // replayed
        assertThat(writer.write(CacheWrite.change(CachedRow.of(account(id, 1))))).isFalse(); // replayed insert

        assertThat(cached(CacheKey.account(id))).isEqualTo(account(id, 3));
    }

    @Test
    void aTombstoneIsReplacedByWhateverComesAfterItInTheBinlogAndNothingBefore() {
        long id = ids.incrementAndGet();
        writer.write(CacheWrite.delete(CacheKey.product(id), 5));

        assertThat(writer.write(CacheWrite.change(CachedRow.of(product(id, 4))))).isFalse(); // from before the delete
        assertThat(writer.write(CacheWrite.change(CachedRow.of(product(id, 6))))).isTrue(); // inserted again

        assertThat(cached(CacheKey.product(id))).isEqualTo(product(id, 6));
    }

    @Test
    void aDeleteWritesItsTombstoneWithAShortTtlOverAnythingOlder() {
        long id = ids.incrementAndGet();
        writer.write(CacheWrite.change(CachedRow.of(product(id, 9))));

        assertThat(writer.write(CacheWrite.delete(CacheKey.product(id), 8))).as("a replayed older delete").isFalse();
        assertThat(writer.write(CacheWrite.delete(CacheKey.product(id), 10))).isTrue();

        assertThat(cached(CacheKey.product(id))).isEqualTo(new Tombstone(10));
        assertThat(redis.getExpire(CacheKey.product(id).redisKey())).isBetween(55L, 60L);
    }

    @Test
    void versionsAreComparedExactlyOverAllTheirSixtyThreeBits() {
        long id = ids.incrementAndGet();
        // Past 2^53 a double can't tell these apart: Lua's numbers are doubles.
        long high = BinlogVersion.of(BinlogVersion.MAX_FILE, BinlogVersion.MAX_OFFSET, 2);

        assertThat(writer.write(CacheWrite.change(CachedRow.of(product(id, high))))).isTrue();
        assertThat(writer.write(CacheWrite.change(CachedRow.of(product(id, high - 1))))).isFalse();
        assertThat(writer.write(CacheWrite.change(CachedRow.of(product(id, high + 1))))).isTrue();
        assertThat(writer.fill(CachedRow.of(product(id, high)))).isFalse();
        assertThat(cached(CacheKey.product(id)).version()).isEqualTo(high + 1);
        // and a version of fewer digits is lower than one of more
        long low = ids.incrementAndGet();
        assertThat(writer.write(CacheWrite.change(CachedRow.of(product(low, 99))))).isTrue();
        assertThat(writer.write(CacheWrite.change(CachedRow.of(product(low, 100))))).isTrue();
        assertThat(writer.write(CacheWrite.change(CachedRow.of(product(low, 99))))).isFalse();
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
                CacheWrite.change(CachedRow.of(product(id, 1))),
                CacheWrite.change(CachedRow.of(product(id, 2))),
                CacheWrite.change(CachedRow.of(product(id, 2))),
                CacheWrite.fill(CachedRow.of(product(id, 1))),
                CacheWrite.delete(CacheKey.product(id), 3)), connection -> { });

        assertThat(wrote).containsExactly(true, true, false, false, true);
        assertThat(cached(CacheKey.product(id))).isEqualTo(new Tombstone(3));
    }

    private static ProductView product(long id, long version) {
        return new ProductView(id, "script-" + id, new BigDecimal("1.00"), (int) (version % 1000), version);
    }

    private static AccountView account(long userId, long version) {
        return new AccountView(userId, new BigDecimal("10.00").add(BigDecimal.valueOf(version)), version);
    }
}
