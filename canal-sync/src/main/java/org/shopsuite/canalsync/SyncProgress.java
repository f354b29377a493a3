package org.shopsuite.canalsync;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * How far canal-sync has got, for health and metrics: written by the follower thread, read by anyone.
 * Metrics: {@code canal_sync_lag_ms} and {@code canal_sync_xa_prepared} (gauges),
 * {@code canal_sync_events_total{table,type,outcome}} and {@code canal_sync_xa_rolled_back_rows_total} (counters).
 */
@Component
class SyncProgress {

    /** The last binlog event whose cache write Redis took. */
    record Applied(String position, long executeTime, Instant appliedAt) {
    }

    private final Clock clock;
    private final MeterRegistry registry;
    private volatile boolean canalConnected;
    private volatile String canalProblem = "not started";
    private volatile String batchProblem;
    private volatile boolean caughtUp;
    private volatile Applied lastApplied;
    private volatile int preparedXa;
    private final Counter rolledBackRows;

    @Autowired
    SyncProgress(MeterRegistry registry) {
        this(registry, Clock.systemUTC());
    }

    SyncProgress(MeterRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
        Gauge.builder("canal.sync.lag.ms", this, SyncProgress::lagMillis)
                .description("Milliseconds between a binlog event's execution and its arrival in Redis")
                .register(registry);
        Gauge.builder("canal.sync.xa.prepared", this, SyncProgress::preparedXa)
                .description("XA transactions seen prepared in the binlog and not yet committed or rolled back;"
                        + " their rows reach the cache at XA COMMIT")
                .register(registry);
        rolledBackRows = Counter.builder("canal.sync.xa.rolled.back.rows")
                .description("Row changes of prepared XA transactions dropped at their XA ROLLBACK")
                .register(registry);
    }

    void canalConnected() {
        canalConnected = true;
        canalProblem = null;
    }

    void canalDisconnected(String why) {
        canalConnected = false;
        canalProblem = why;
        caughtUp = false;
    }

    /** The batch in hand did not get into Redis whole and waits for another try. */
    void batchFailed(String why) {
        batchProblem = why;
    }

    /** The last poll found nothing new: whatever was applied last is as fresh as the binlog. */
    void caughtUp() {
        caughtUp = true;
    }

    /**
     * @param rolledBack row changes of XA transactions dropped at their XA ROLLBACK in this batch
     * @param preparedXa XA transactions now held, prepared and not yet decided
     */
    void applied(List<BinlogChange> changes, List<Boolean> written, int rolledBack, int preparedXa) {
        this.preparedXa = preparedXa;
        if (rolledBack > 0) {
            rolledBackRows.increment(rolledBack);
        }
        for (int i = 0; i < changes.size(); i++) {
            BinlogChange change = changes.get(i);
            Counter.builder("canal.sync.events")
                    .description("Row changes applied to the Redis cache; outcome stale: Redis already held that"
                            + " version or a newer one (a replay, or a cache fill that got there first)")
                    .tag("table", change.table().qualifiedName())
                    .tag("type", change.eventType())
                    .tag("outcome", written.get(i) ? "written" : "stale")
                    .register(registry)
                    .increment();
        }
        batchProblem = null;
        if (!changes.isEmpty()) {
            BinlogChange last = changes.get(changes.size() - 1);
            caughtUp = false;
            lastApplied = new Applied(last.position(), last.executeTime(), clock.instant());
        }
    }

    int preparedXa() {
        return preparedXa;
    }

    boolean isCanalConnected() {
        return canalConnected;
    }

    Optional<String> canalProblem() {
        return Optional.ofNullable(canalProblem);
    }

    Optional<String> batchProblem() {
        return Optional.ofNullable(batchProblem);
    }

    Optional<Applied> lastApplied() {
        return Optional.ofNullable(lastApplied);
    }

    /**
     * Now minus the binlog time of the last applied event while there may be more to apply. Once a poll comes back
     * empty we are as fresh as the binlog, and the lag stays what it was when that event was applied: otherwise a
     * quiet database would look like a growing backlog. Binlog times have second resolution, so this reads up to
     * 1000 ms high; it is a backlog alarm, not a latency measurement.
     */
    long lagMillis() {
        Applied applied = lastApplied;
        if (applied == null) {
            return 0;
        }
        Instant until = caughtUp && canalConnected ? applied.appliedAt() : clock.instant();
        return Math.max(0, until.toEpochMilli() - applied.executeTime());
    }
}
