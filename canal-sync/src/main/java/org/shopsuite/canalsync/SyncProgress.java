package org.shopsuite.canalsync;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * How far canal-sync has got, for health and metrics: written by the follower thread and the head watcher, read by
 * anyone. Metrics: {@code canal_sync_lag_ms} and {@code canal_sync_xa_prepared} (gauges),
 * {@code canal_sync_events_total{table,type,outcome}} and {@code canal_sync_xa_rolled_back_rows_total} (counters).
 *
 * <p>The lag is measured against the database's binlog head ({@link BinlogHeadWatcher}), not against the last poll:
 * a Canal server that answers every poll with nothing while the binlog grows (its dump connection lost, say) must
 * show as lag, and a quiet binlog must not.
 */
@Component
class SyncProgress {

    /** The last binlog event whose cache write Redis took. */
    record Applied(String position, Instant appliedAt) {
    }

    /** A binlog head canal-sync has not reached yet, and since when the database has been there. */
    record Behind(BinlogPosition head, Instant since) {
    }

    private final Clock clock;
    private final MeterRegistry registry;
    private final Counter rolledBackRows;
    private volatile boolean canalConnected;
    private volatile String canalProblem = "not started";
    private volatile String batchProblem;
    private volatile Applied lastApplied;
    private volatile int preparedXa;

    // Guarded by this: the head as last read, the GTIDs reached, the oldest head not reached.
    private BinlogPosition reached;
    private boolean reachedXaEnd;
    private BinlogPosition head;
    private Instant headSince;
    private boolean headMoved;
    private Behind behind;
    /** Heads read and not reached yet, oldest first, with when they were read: for the watermark. */
    private final Deque<HeadRead> unreachedReads = new ArrayDeque<>();
    /** When canal-sync last read a binlog head it has applied in full; null until it has. */
    private Instant appliedThroughReadAt;
    /** Set when the binlog's head stands before what was applied: the binlog started again (RESET MASTER). */
    private String binlogRestarted;
    private int headsInEarlierFile;

    private record HeadRead(BinlogPosition head, Instant at) {
    }

    /** How many unreached head reads are remembered: far more than a lag that keeps gateways vouching spans. */
    static final int UNREACHED_READS_LIMIT = 10_000;

    @Autowired
    SyncProgress(MeterRegistry registry) {
        this(registry, Clock.systemUTC());
    }

    SyncProgress(MeterRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
        Gauge.builder("canal.sync.lag.ms", this, SyncProgress::lagMillis)
                .description("Milliseconds since the database's binlog head got ahead of what canal-sync has applied;"
                        + " 0 when caught up")
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
    }

    /** The batch in hand did not get into Redis whole and waits for another try. */
    void batchFailed(String why) {
        batchProblem = why;
    }

    /** The writes a failover may have lost are on the new master again: a failed attempt at that is over. */
    void replayed() {
        batchProblem = null;
    }

    /**
     * A batch is in Redis.
     *
     * @param written    per committed change, whether Redis took it
     * @param preparedXa XA transactions now held, prepared and not yet decided
     */
    void applied(TransactionOutcomes.Sorted batch, List<Boolean> written, int preparedXa) {
        List<BinlogChange> changes = batch.committed();
        int rolledBack = batch.rolledBack();
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
        if (rolledBack > 0) {
            rolledBackRows.increment(rolledBack);
        }
        this.preparedXa = preparedXa;
        batchProblem = null;
        if (!changes.isEmpty()) {
            lastApplied = new Applied(changes.get(changes.size() - 1).position(), clock.instant());
        }
        synchronized (this) {
            if (reached == null || batch.end().compareTo(reached) >= 0) {
                reached = batch.end();
                reachedXaEnd = batch.endsAtXaEnd();
            }
            updateBehind();
            updateAppliedThrough();
        }
    }

    /**
     * Canal had nothing more to hand out. Before the first batch since a start, that is the only sign that the head
     * read first (at start) has nothing canal-sync is still owed: the same assumption the lag makes ("a head that
     * moved after the first reading"). From the first batch on, only reaching a head counts.
     */
    synchronized void canalIdle() {
        if (reached == null && !headMoved && head != null && binlogRestarted == null) {
            unreachedReads.stream().map(HeadRead::at).reduce((first, second) -> second)
                    .ifPresent(at -> appliedThroughReadAt = at);
            unreachedReads.clear();
        }
    }

    /**
     * The database's binlog head, read now. Only a head that moved after the first reading can be owed: canal-sync
     * may have started on a binlog whose last transactions it will never be sent again.
     */
    synchronized void headRead(BinlogPosition now) {
        Instant readAt = clock.instant();
        if (head != null && !now.equals(head)) {
            headMoved = true;
        }
        if (!now.equals(head)) {
            head = now;
            headSince = readAt;
        }
        // A head in an earlier file than what was applied: the binlog started again. Twice in a row, since a batch
        // of the next file may be applied between reading a head and reporting it here.
        boolean inEarlierFile = reached != null && now.compareTo(reached) < 0 && !now.file().equals(reached.file());
        headsInEarlierFile = inEarlierFile ? headsInEarlierFile + 1 : 0;
        if (headsInEarlierFile >= 2 && binlogRestarted == null) {
            binlogRestarted = "the binlog head " + now + " stands before what canal-sync applied (" + reached + "):"
                    + " the binlog started again (RESET MASTER, or another database). Cached versions are binlog places,"
                    + " so the caches would refuse every change from now on: gateways serve from the owning services"
                    + " until the cache keys are dropped and canal-sync is restarted (docs/architecture.md, \"A binlog"
                    + " that starts again\")";
        }
        unreachedReads.addLast(new HeadRead(now, readAt));
        while (unreachedReads.size() > UNREACHED_READS_LIMIT) {
            unreachedReads.removeFirst(); // the later reads are enough to move the watermark on
        }
        updateBehind();
        updateAppliedThrough();
    }

    private void updateAppliedThrough() {
        while (!unreachedReads.isEmpty() && covered(unreachedReads.peekFirst().head()) && binlogRestarted == null) {
            appliedThroughReadAt = unreachedReads.removeFirst().at();
        }
    }

    /**
     * How long ago canal-sync read a binlog head it has applied in full: every change committed before then is in
     * Redis. Empty when it cannot say (nothing applied since it started, or the binlog started again): then it
     * vouches for nothing.
     */
    synchronized OptionalLong behindMillis() {
        if (appliedThroughReadAt == null || binlogRestarted != null) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Math.max(0, clock.instant().toEpochMilli() - appliedThroughReadAt.toEpochMilli()));
    }

    /** Why canal-sync can no longer order what it applies, when the binlog started again. */
    synchronized Optional<String> binlogRestarted() {
        return Optional.ofNullable(binlogRestarted);
    }

    private void updateBehind() {
        if (behind != null && covered(behind.head())) {
            behind = null;
        }
        if (behind == null && headMoved && !covered(head)) {
            behind = new Behind(head, headSince);
        }
    }

    private boolean covered(BinlogPosition position) {
        return reached != null && reached.covers(position, reachedXaEnd);
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

    synchronized Optional<BinlogPosition> reached() {
        return Optional.ofNullable(reached);
    }

    synchronized Optional<BinlogPosition> head() {
        return Optional.ofNullable(head);
    }

    /** How long the binlog has been ahead of canal-sync: the age of the oldest head it has not reached; 0 if none. */
    synchronized long lagMillis() {
        return behind == null ? 0 : Math.max(0, clock.instant().toEpochMilli() - behind.since().toEpochMilli());
    }
}
