package org.shopsuite.canalsync;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import org.shopsuite.cache.CacheWrite;
import org.shopsuite.cache.ChangeStreamWatermark;
import org.shopsuite.cache.InvalidationMessage;
import org.shopsuite.cache.VersionedCacheWriter;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Puts a batch's committed binlog changes into Redis L2, tells every gateway to drop its L1 copy of those rows, and
 * keeps the batch's prepared XA transactions in Redis.
 */
@Component
class CacheRefresher {

    private static final byte[] CHANNEL = InvalidationMessage.CHANNEL.getBytes(StandardCharsets.UTF_8);
    private static final byte[] WATERMARK_CHANNEL = ChangeStreamWatermark.CHANNEL.getBytes(StandardCharsets.UTF_8);

    private final VersionedCacheWriter writer;
    private final StringRedisTemplate redis;
    private final PreparedXaTransactions prepared;

    CacheRefresher(VersionedCacheWriter writer, StringRedisTemplate redis, PreparedXaTransactions prepared) {
        this.writer = writer;
        this.redis = redis;
        this.prepared = prepared;
    }

    /**
     * Applies what a batch committed and records what it prepared and decided ({@link PreparedXaTransactions}), all in
     * one pipeline. Returns, per committed change, whether L2 took it (false: L2 already held that version or a newer
     * one). Throws when Redis did not take all of it; then nothing may be acked, and a retry is harmless.
     */
    List<Boolean> apply(TransactionOutcomes.Sorted sorted) {
        if (sorted.isEmpty()) {
            return List.of(); // a batch of other tables or transaction markers only
        }
        List<BinlogChange> changes = sorted.committed();
        // The invalidations ride in the same pipeline, behind the writes: a gateway that hears one and re-reads L2
        // (on the master, like canal-sync) finds the new value. Invalidate even where L2 kept a newer version: a
        // gateway's L1 may still hold an older one than that. The prepared set is updated last: if the connection
        // breaks mid-pipeline, a transaction is never forgotten before its rows were written.
        List<Boolean> written = writer.writeAll(changes.stream().map(BinlogChange::write).toList(), connection -> {
            for (BinlogChange change : changes) {
                byte[] message = InvalidationMessage.of(change.write().row()).toJson().getBytes(StandardCharsets.UTF_8);
                connection.publish(CHANNEL, message);
            }
            prepared.record(connection, sorted);
        });
        // Only then is the batch acked (by the caller): once a replica has it too.
        awaitReplica();
        return written;
    }

    /**
     * Writes again, on a master that took over in a failover, what the old one may have had and this one lost: the
     * recent cache writes (versioned: whatever this master already has stays, or anything newer) with their
     * invalidations, and the whole set of prepared XA transactions.
     */
    void replay(List<CacheWrite> recent, Map<String, List<BinlogChange>> preparedNow) {
        writer.writeAll(recent, connection -> {
            for (CacheWrite write : recent) {
                byte[] message = InvalidationMessage.of(write.row()).toJson().getBytes(StandardCharsets.UTF_8);
                connection.publish(CHANNEL, message);
            }
            prepared.rewrite(connection, preparedNow);
        });
        awaitReplica();
    }

    /**
     * Tells the gateways how far behind the binlog the caches are ({@link ChangeStreamWatermark}). Sent only after the
     * writes and invalidations it covers were answered by Redis, which delivers a client's messages in order: a
     * gateway has every invalidation a watermark covers before it has the watermark.
     */
    void publishWatermark(long behindMillis) {
        byte[] message = new ChangeStreamWatermark(behindMillis).toJson().getBytes(StandardCharsets.UTF_8);
        redis.execute((RedisCallback<Long>) connection -> connection.publish(WATERMARK_CHANNEL, message));
    }

    /**
     * Replication is asynchronous: a failover right after an ack could lose the batch on the new master and leave an
     * older version in L2 until the row next changes. So a batch counts as applied once a replica has it too; when
     * none confirms within 1 s it is not acked and is retried (replays are harmless), and health shows why.
     */
    private void awaitReplica() {
        // Through Lettuce's own command: Spring's generic execute() reads every reply as bytes, and WAIT answers an
        // integer.
        Long replicas = redis.execute((RedisCallback<Long>) connection -> {
            if (!(connection.getNativeConnection() instanceof RedisClusterAsyncCommands<?, ?> lettuce)) {
                throw new IllegalStateException("cannot send WAIT through " + connection.getClass().getName());
            }
            try {
                return lettuce.waitForReplication(1, 1000).get(3, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for a Redis replica", e);
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("WAIT for a Redis replica failed: " + e.getMessage(), e);
            }
        });
        if (replicas == null || replicas < 1) {
            throw new ReplicaNotConfirmed();
        }
    }

    /** No replica has the batch yet: a failover now could lose it, so it is not acked. */
    static final class ReplicaNotConfirmed extends RuntimeException {

        ReplicaNotConfirmed() {
            super("no Redis replica confirmed the batch within 1 s, so it is not acked yet (a failover could lose it)."
                    + " Check the replicas with `./stack status` or INFO replication on the master");
        }
    }
}
