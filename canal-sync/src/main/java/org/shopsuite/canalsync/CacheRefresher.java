package org.shopsuite.canalsync;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import org.shopsuite.cache.CacheWrite;
import org.shopsuite.cache.InvalidationMessage;
import org.shopsuite.cache.VersionedCacheWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/** Puts a batch of binlog changes into Redis L2, then tells every gateway to drop its L1 copy of those rows. */
@Component
class CacheRefresher {

    private static final Logger log = LoggerFactory.getLogger(CacheRefresher.class);

    private static final byte[] CHANNEL = InvalidationMessage.CHANNEL.getBytes(StandardCharsets.UTF_8);

    private final VersionedCacheWriter writer;
    private final StringRedisTemplate redis;

    CacheRefresher(VersionedCacheWriter writer, StringRedisTemplate redis) {
        this.writer = writer;
        this.redis = redis;
    }

    /**
     * Returns, per change, whether L2 took it (false: L2 already held that version or a newer one). Throws when Redis
     * did not take all of it; then nothing may be acked, and a retry is harmless.
     */
    List<Boolean> apply(List<BinlogChange> changes) {
        if (changes.isEmpty()) {
            return List.of(); // a batch of other tables or transaction markers only
        }
        // The invalidations ride in the same pipeline, behind the writes: a gateway that hears one and re-reads L2
        // (on the master, like canal-sync) finds the new value. Invalidate even where L2 kept a newer version: a
        // gateway's L1 may still hold an older one than that.
        List<Boolean> written = writer.writeAll(changes.stream().map(BinlogChange::write).toList(), connection -> {
            for (BinlogChange change : changes) {
                byte[] message = InvalidationMessage.of(change.write().row()).toJson().getBytes(StandardCharsets.UTF_8);
                connection.publish(CHANNEL, message);
            }
        });
        // Only then is the batch acked (by the caller): once a replica has it too.
        awaitReplica();
        return written;
    }

    /**
     * Replication is asynchronous: a failover right after an ack could lose the batch on the new master and leave an
     * older version in L2 until the row next changes. So the batch is acked once a replica has it too. At most 1 s:
     * without any reachable replica there is nothing to fail over to, and canal-sync must not stop.
     */
    private void awaitReplica() {
        // Through Lettuce's own command: Spring's generic execute() reads every reply as bytes, and WAIT answers an
        // integer.
        Long replicas = redis.execute((RedisCallback<Long>) connection -> {
            if (!(connection.getNativeConnection() instanceof RedisClusterAsyncCommands<?, ?> lettuce)) {
                return null;
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
            log.warn("no Redis replica confirmed the batch within 1 s; a failover now could lose it until the row"
                    + " changes again. Check the replicas with `./stack status` (or INFO replication on the master)");
        }
    }
}
