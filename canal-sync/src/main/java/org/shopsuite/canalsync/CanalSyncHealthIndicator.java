package org.shopsuite.canalsync;

import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * UP only while canal-sync follows the Canal server, gets its writes into the Redis master (and a replica), and keeps
 * up with the database's binlog head; the details say how far it has got. Shown as {@code canalSync} under {@code /actuator/health}.
 */
@Component
class CanalSyncHealthIndicator extends AbstractHealthIndicator {

    private final SyncProgress progress;
    private final BinlogHeadWatcher headWatcher;
    private final StringRedisTemplate redis;
    private final CanalSyncProperties canal;

    CanalSyncHealthIndicator(SyncProgress progress, BinlogHeadWatcher headWatcher, StringRedisTemplate redis,
                             CanalSyncProperties canal) {
        super("canal-sync health check failed");
        this.progress = progress;
        this.headWatcher = headWatcher;
        this.redis = redis;
        this.canal = canal;
    }

    @Override
    protected void doHealthCheck(Health.Builder health) {
        String redisProblem = redisProblem();
        long lag = progress.lagMillis();
        boolean keepsUp = lag <= canal.maxLag().toMillis() && headWatcher.problem().isEmpty();
        boolean up = progress.isCanalConnected() && redisProblem == null && progress.batchProblem().isEmpty()
                && keepsUp && progress.binlogRestarted().isEmpty();
        health.status(up ? Status.UP : Status.DOWN)
                .withDetail("canal", progress.isCanalConnected()
                        ? "following " + canal.address()
                        : "not connected to " + canal.address() + ": " + progress.canalProblem().orElse("?"))
                .withDetail("redis", redisProblem == null ? "reachable" : "unreachable: " + redisProblem)
                .withDetail("lagMillis", lag)
                .withDetail("binlogHead", headWatcher.problem().map(p -> "unreadable: " + p)
                        .orElse(progress.head().map(BinlogPosition::toString).orElse("not read yet")))
                .withDetail("reached", progress.reached().map(BinlogPosition::toString).orElse("nothing yet"))
                .withDetail("preparedXaTransactions", progress.preparedXa());
        if (lag > canal.maxLag().toMillis()) {
            health.withDetail("behind", "the binlog has been ahead for " + lag + " ms (limit " + canal.maxLag()
                    + "): the Canal server may have lost its binlog dump (./stack logs canal) or canal-sync is stuck");
        }
        progress.binlogRestarted().ifPresent(why -> health.withDetail("binlogRestarted", why));
        progress.behindMillis().ifPresentOrElse(behind -> health.withDetail("watermarkBehindMillis", behind),
                () -> health.withDetail("watermarkBehindMillis", "none: nothing applied to vouch for yet"));
        progress.batchProblem().ifPresent(problem -> health.withDetail("pendingBatch", "not applied yet: " + problem));
        progress.lastApplied().ifPresent(applied -> health
                .withDetail("position", applied.position())
                .withDetail("lastAppliedAt", applied.appliedAt().toString()));
    }

    private String redisProblem() {
        try {
            redis.execute((RedisCallback<String>) connection -> connection.ping());
            return null;
        } catch (RuntimeException e) {
            return String.valueOf(e.getMessage());
        }
    }
}
