package org.shopsuite.bench.scenario;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.redisson.api.RLock;
import org.redisson.api.RedissonClient;
import org.shopsuite.bench.run.BenchOptions;
import org.shopsuite.bench.run.Progress;
import org.shopsuite.bench.load.Outcome;
import org.shopsuite.bench.load.Workload;
import org.shopsuite.bench.report.Measurement;

/**
 * What the per-user lock adds to each order, measured from outside without exposing anything new: the exact calls
 * order-service's {@code PerUserOrderLock} makes around an order ({@code tryLock(0 ms)} with Redisson's watchdog, then
 * {@code unlock}: two round trips) on the same lock names, through a Redisson client with the same settings (sentinel
 * mode, master reads, 2 s timeout, 2 retries), from this JVM. Each client cycles over its own 8 users' locks.
 */
public record LockCostBenchmark(RedissonClient redisson, BenchOptions options, Progress progress) {

    public static final String GROUP = "lock";
    public static final String VARIANT = "tryLock+unlock";
    private static final Outcome LOCKED = new Outcome("locked", true);
    private static final Outcome REFUSED = new Outcome("refused", false);

    public List<Measurement> run() throws InterruptedException {
        Workload locks = (index, clients) -> new Workload.Client() {
            private final long firstUser = OrderWorkload.FIRST_USER + (long) index * OrderWorkload.USERS_PER_CLIENT;
            private long count;

            @Override
            public Outcome call() {
                RLock lock = redisson.getLock("shop:order-lock:user:"
                        + (firstUser + count++ % OrderWorkload.USERS_PER_CLIENT));
                try {
                    if (!lock.tryLock(0, TimeUnit.MILLISECONDS)) {
                        return REFUSED;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return REFUSED;
                }
                lock.unlock();
                return LOCKED;
            }
        };
        return new Sweep(GROUP, "cycles/s", options.lockClients(), options.readRun(), options.warmup(),
                options.repetitions(), null, Duration.ZERO, r -> "").measure(Map.of(VARIANT, () -> locks), progress);
    }
}
