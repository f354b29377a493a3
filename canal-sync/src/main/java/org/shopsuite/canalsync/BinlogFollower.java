package org.shopsuite.canalsync;

import com.alibaba.otter.canal.protocol.Message;
import com.alibaba.otter.canal.protocol.exception.CanalClientException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.shopsuite.cache.CacheWrite;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * The loop that keeps the cache fresh, on one dedicated thread: take a batch from Canal, put what it committed into
 * Redis (holding XA transactions until they are decided, see {@link TransactionOutcomes}), and only then ack it.
 * Failures are retried with backoff: when a batch does not get into Redis it is rolled back, to be handed out again
 * (replays are harmless: cache writes are versioned); when the Canal session breaks it is replaced.
 * Stopping finishes the batch in hand, then disconnects.
 */
@Component
class BinlogFollower implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(BinlogFollower.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final int RECENT_WRITES_LIMIT = 100_000;

    private final CanalSyncProperties canal;
    private final CacheRefresher cache;
    private final PreparedXaTransactions preparedXa;
    private final SyncProgress progress;
    private final RedisMasterWatch redisMaster;
    /** What to write again on a new master after a failover; only the follower thread uses these two. */
    private final RecentWrites recentWrites;
    private Map<String, List<BinlogChange>> ackedPrepared;

    /** When the last watermark went out (System.nanoTime); the follower thread's own. */
    private long lastWatermark;

    private volatile Thread thread;
    private volatile CountDownLatch stopRequested = new CountDownLatch(0);

    BinlogFollower(CanalSyncProperties canal, CacheRefresher cache, PreparedXaTransactions preparedXa,
                   SyncProgress progress, RedisMasterWatch redisMaster) {
        this.canal = canal;
        this.cache = cache;
        this.preparedXa = preparedXa;
        this.progress = progress;
        this.redisMaster = redisMaster;
        this.recentWrites = new RecentWrites(canal.replayWindow(), RECENT_WRITES_LIMIT, Clock.systemUTC());
    }

    @Override
    public synchronized void start() {
        if (isRunning()) {
            return;
        }
        stopRequested = new CountDownLatch(1);
        ackedPrepared = null; // a (re)start reads them back from Redis, as a restarted process does
        thread = Thread.ofPlatform().name("canal-sync").daemon().start(this::follow);
    }

    @Override
    public synchronized void stop() {
        Thread running = thread;
        if (running == null) {
            return;
        }
        stopRequested.countDown();
        try {
            if (!running.join(STOP_TIMEOUT)) {
                log.warn("The canal-sync loop did not stop within {}; its unacked batch will be handed out again",
                        STOP_TIMEOUT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        thread = null;
    }

    @Override
    public boolean isRunning() {
        Thread running = thread;
        return running != null && running.isAlive();
    }

    private boolean stopping() {
        return stopRequested.getCount() == 0;
    }

    private void follow() {
        Backoff canalBackoff = new Backoff(canal.minBackoff(), canal.maxBackoff());
        Backoff batchBackoff = new Backoff(canal.minBackoff(), canal.maxBackoff());
        CanalConnection connection = null;
        // Both start afresh after every failure: Canal then hands out everything after the last ack again, and the
        // prepared XA transactions are as they were at that ack (read back from Redis once, at the start: Redis may
        // have lost some in a failover since).
        TransactionOutcomes outcomes = null;
        List<Long> unacked = new ArrayList<>();
        boolean replayPending = false;
        while (!stopping()) {
            try {
                if (outcomes == null) {
                    if (ackedPrepared == null) {
                        ackedPrepared = preparedXa.load();
                    }
                    outcomes = new TransactionOutcomes(ackedPrepared);
                    unacked.clear();
                }
                if (redisMaster.masterChanged()) {
                    replayPending = true;
                }
                if (replayPending) {
                    List<CacheWrite> recent = recentWrites.all();
                    cache.replay(recent, ackedPrepared);
                    replayPending = false;
                    // On a quiet binlog no batch may follow for long: health must not wait for one to say all is well.
                    progress.replayed();
                    log.info("Wrote the last {} of cache writes ({}) and {} prepared XA transactions again on the new"
                            + " Redis master", canal.replayWindow(), recent.size(), ackedPrepared.size());
                }
                if (connection == null) {
                    connection = connect(canalBackoff);
                }
                Message batch = connection.next(canal.batchSize());
                if (batch.getId() == -1 || batch.getEntries().isEmpty()) {
                    progress.canalIdle();
                    heartbeat(false);
                    pause(canal.idlePoll());
                    continue;
                }
                applyThenAck(connection, batch, outcomes, unacked);
                heartbeat(true);
                if (batchBackoff.failuresInARow() > 0) {
                    log.info("Cache writes go through again after {} failed attempts", batchBackoff.failuresInARow());
                    batchBackoff.succeeded();
                }
            } catch (CanalClientException e) {
                closeQuietly(connection);
                connection = null;
                outcomes = null;
                canalLost(e, canalBackoff);
            } catch (RuntimeException e) {
                if (!batchFailed(connection, e, batchBackoff)) {
                    closeQuietly(connection);
                    connection = null;
                }
                outcomes = null;
            }
        }
        closeQuietly(connection);
        progress.canalDisconnected("canal-sync is stopped");
        log.info("Stopped following Canal at {}", canal.address());
    }

    private CanalConnection connect(Backoff backoff) {
        CanalConnection connection = CanalConnection.open(canal);
        progress.canalConnected();
        if (backoff.failuresInARow() > 0) {
            log.info("Reconnected to Canal at {} after {} failed attempts", canal.address(), backoff.failuresInARow());
        } else {
            log.info("Following Canal at {} (tables {})", canal.address(), canal.filter());
        }
        backoff.succeeded();
        return connection;
    }

    /**
     * Applies a batch's committed rows and keeps its prepared XA transactions in Redis; then acks it, unless a
     * transaction that began in it is still open: its rows are only in memory, so its batches are acked together
     * once it has ended (Canal acks in order).
     */
    private void applyThenAck(CanalConnection connection, Message batch, TransactionOutcomes outcomes,
                              List<Long> unacked) {
        TransactionOutcomes.Sorted sorted = outcomes.sort(batch);
        List<Boolean> written = cache.apply(sorted);
        recentWrites.add(sorted.committed().stream().map(BinlogChange::write).toList());
        unacked.add(batch.getId());
        if (!outcomes.holdsAnUnfinishedTransaction()) {
            for (long id : unacked) {
                connection.ack(id); // only now: Redis and a replica have all of it
            }
            unacked.clear();
            ackedPrepared = outcomes.prepared();
        }
        progress.applied(sorted, written, outcomes.preparedCount());
    }

    /**
     * Publishes the watermark after a batch, and every {@code watermark-every} while idle. Only this thread does, and
     * only while it follows Canal: when it is stuck (Canal gone, Redis refusing the batch) the gateways hear nothing
     * and stop vouching for their caches, which is what they should do then. A failure here is left to the next
     * batch or heartbeat; a broken Redis shows in the batch that follows.
     */
    private void heartbeat(boolean afterBatch) {
        long now = System.nanoTime();
        if (!afterBatch && now - lastWatermark < canal.watermarkEvery().toNanos()) {
            return;
        }
        OptionalLong behind = progress.behindMillis();
        if (behind.isEmpty()) {
            return; // nothing to vouch for yet
        }
        try {
            cache.publishWatermark(behind.getAsLong());
            lastWatermark = now;
        } catch (RuntimeException e) {
            log.debug("Could not publish the change-stream watermark: {}", e.toString());
        }
    }

    private void canalLost(CanalClientException e, Backoff backoff) {
        String why = describe(e);
        progress.canalDisconnected(why);
        Duration wait = backoff.failed();
        if (backoff.failuresInARow() == 1) {
            log.warn("No connection to the Canal server at {} ({}). Reconnecting with backoff up to {}; if this lasts,"
                    + " check that the Canal server runs (./stack status, ./stack logs canal) and that"
                    + " SHOP_CANAL_HOST/SHOP_CANAL_PORT point at it.", canal.address(), why, canal.maxBackoff());
        } else {
            log.debug("Canal at {} still unavailable ({}), attempt {}", canal.address(), why, backoff.failuresInARow());
        }
        pause(wait);
    }

    /** Rolls the batch back for another try; false when the Canal session broke too and must be replaced. */
    private boolean batchFailed(CanalConnection connection, RuntimeException e, Backoff backoff) {
        String why = describe(e);
        progress.batchFailed(why);
        Duration wait = backoff.failed();
        if (backoff.failuresInARow() == 1) {
            if (e instanceof CacheRefresher.ReplicaNotConfirmed) {
                log.warn("{}. Retrying with backoff up to {}; until a replica confirms, gateways may serve stale"
                        + " values.", why, canal.maxBackoff());
            } else if (e instanceof DataAccessException) {
                log.warn("Redis did not take a batch of cache writes ({}). Retrying with backoff up to {}; until it"
                                + " does, gateways may serve stale values. If this lasts, check the Redis master and"
                                + " its sentinels (./stack status; SHOP_REDIS_SENTINELS).", why, canal.maxBackoff());
            } else {
                log.error("Could not apply a Canal batch; retrying with backoff up to {}. If this repeats, report it"
                        + " with this stack trace.", canal.maxBackoff(), e);
            }
        } else {
            log.debug("Batch still failing ({}), attempt {}", why, backoff.failuresInARow());
        }
        boolean rolledBack = true;
        if (connection != null) {
            try {
                connection.rollback();
            } catch (CanalClientException canalToo) {
                progress.canalDisconnected(describe(canalToo)); // reconnecting rolls back as well
                rolledBack = false;
            }
        }
        pause(wait);
        return rolledBack;
    }

    /** Waits, but wakes up at once when asked to stop. */
    private void pause(Duration duration) {
        try {
            stopRequested.await(duration.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopRequested.countDown();
        }
    }

    private static void closeQuietly(CanalConnection connection) {
        if (connection != null) {
            connection.close();
        }
    }

    /** The exception and, when it wraps another, the innermost cause: that one usually names the real problem. */
    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root == e || String.valueOf(e.getMessage()).contains(String.valueOf(root.getMessage()))) {
            return root.toString();
        }
        return e.getMessage() + " (caused by " + root + ")";
    }
}
