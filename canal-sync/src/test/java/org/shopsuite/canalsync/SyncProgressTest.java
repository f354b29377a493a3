package org.shopsuite.canalsync;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.shopsuite.cache.CacheWrite;
import org.shopsuite.cache.CachedRow;
import org.shopsuite.cache.ProductView;

class SyncProgressTest {

    static final Instant EXECUTED = Instant.parse("2025-01-01T10:00:00Z");

    MutableClock clock = new MutableClock(EXECUTED.plusMillis(300));
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    SyncProgress progress = new SyncProgress(registry, clock);

    @Test
    void aQuietBinlogIsNoLagWhateverCanalSyncHasSeen() {
        progress.headRead(at(100));
        clock.advance(Duration.ofMinutes(10));
        progress.headRead(at(100));

        assertThat(progress.lagMillis()).isZero();
    }

    @Test
    void lagIsHowLongTheBinlogHeadHasBeenAheadOfWhatWasApplied() {
        progress.headRead(at(100));
        progress.applied(batchEndingAt(100, change()), List.of(true), 0);
        clock.advance(Duration.ofMillis(50));
        progress.headRead(at(200));
        clock.advance(Duration.ofMillis(700));
        progress.headRead(at(500));

        assertThat(progress.lagMillis()).isEqualTo(700);
        assertThat(registry.get("canal.sync.lag.ms").gauge().value()).isEqualTo(700);

        progress.applied(batchEndingAt(200), List.of(), 0);
        assertThat(progress.lagMillis()).as("200 reached; 500 read 0 ms ago is still owed").isZero();
        clock.advance(Duration.ofMillis(300));
        assertThat(progress.lagMillis()).isEqualTo(300);

        progress.applied(batchEndingAt(500), List.of(), 0);
        assertThat(progress.lagMillis()).isZero();
        assertThat(progress.lastApplied()).get().extracting(SyncProgress.Applied::position).isEqualTo("bin.000001:4");
    }

    @Test
    void aReplayAfterAFailoverThatWentThroughEndsTheFailedAttemptBeforeAnyBatchComes() {
        progress.batchFailed("WAIT for a Redis replica failed");
        assertThat(progress.batchProblem()).contains("WAIT for a Redis replica failed");

        progress.replayed();

        assertThat(progress.batchProblem()).isEmpty();
    }

    @Test
    void countsEventsByTableTypeAndWhetherRedisTookThem() {
        progress.applied(batchEndingAt(100, change(), change()), List.of(true, false), 0);

        assertThat(registry.get("canal.sync.events").tag("table", "inventory_db.inventory").tag("outcome", "written")
                .counter().count()).isEqualTo(1);
        assertThat(registry.get("canal.sync.events").tag("type", "UPDATE").tag("outcome", "stale")
                .counter().count()).isEqualTo(1);
    }

    @Test
    void theWatermarkIsTheAgeOfTheNewestHeadReadThatWasAppliedInFull() {
        progress.headRead(at(100));
        progress.applied(batchEndingAt(100, change()), List.of(true), 0);
        assertThat(progress.behindMillis()).hasValue(0);

        clock.advance(Duration.ofMillis(100));
        progress.headRead(at(200)); // read at +100, not applied yet
        clock.advance(Duration.ofMillis(100));
        progress.headRead(at(300)); // read at +200
        clock.advance(Duration.ofMillis(50));
        assertThat(progress.behindMillis()).as("only the read of 100, 250 ms ago, is covered").hasValue(250);

        progress.applied(batchEndingAt(200), List.of(), 0);
        assertThat(progress.behindMillis()).as("the read of 200, 150 ms ago").hasValue(150);

        progress.applied(batchEndingAt(300), List.of(), 0);
        assertThat(progress.behindMillis()).hasValue(50);
        clock.advance(Duration.ofMillis(100));
        progress.headRead(at(300)); // a quiet binlog: each read of the same head is covered at once
        assertThat(progress.behindMillis()).hasValue(0);
    }

    @Test
    void nothingIsVouchedForUntilCanalSyncHasReachedAHeadOrCanalHadNothingMoreAtStart() {
        progress.headRead(at(100));
        assertThat(progress.behindMillis()).isEmpty();

        clock.advance(Duration.ofMillis(30));
        progress.canalIdle(); // Canal has nothing after the last ack, and the head has not moved since start

        assertThat(progress.behindMillis()).hasValue(30);
    }

    @Test
    void aHeadThatMovedBeforeTheFirstBatchIsNotVouchedForByAnIdleCanal() {
        progress.headRead(at(100));
        progress.headRead(at(200)); // owed: Canal has yet to hand it out
        progress.canalIdle();

        assertThat(progress.behindMillis()).isEmpty();
    }

    @Test
    void aBinlogThatStartsAgainStopsTheWatermark() {
        progress.headRead(new BinlogPosition("bin.000007", 100));
        progress.applied(new TransactionOutcomes.Sorted(List.of(), java.util.Map.of(), java.util.Set.of(), 0,
                new BinlogPosition("bin.000007", 100), false), List.of(), 0);
        assertThat(progress.behindMillis()).isPresent();

        progress.headRead(new BinlogPosition("bin.000001", 400)); // RESET MASTER
        assertThat(progress.binlogRestarted()).as("once could be a race with a batch of the next file").isEmpty();
        progress.headRead(new BinlogPosition("bin.000001", 400));

        assertThat(progress.binlogRestarted()).get().asString().contains("started again");
        assertThat(progress.behindMillis()).isEmpty();
    }

    private static BinlogPosition at(long offset) {
        return new BinlogPosition("bin.000001", offset);
    }

    private static TransactionOutcomes.Sorted batchEndingAt(long offset, BinlogChange... committed) {
        return new TransactionOutcomes.Sorted(List.of(committed), java.util.Map.of(), java.util.Set.of(), 0,
                at(offset), false);
    }

    private static BinlogChange change() {
        CacheWrite write = CacheWrite.change(CachedRow.of(new ProductView(1, "A", BigDecimal.ONE, 1, 2)));
        return new BinlogChange(write, CachedTable.INVENTORY, "UPDATE", "bin.000001:4", EXECUTED.toEpochMilli());
    }

    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
