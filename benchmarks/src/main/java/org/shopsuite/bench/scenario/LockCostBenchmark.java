package org.shopsuite.bench.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.redisson.api.RLock;
import org.redisson.api.RedissonClient;
import org.shopsuite.bench.BenchOptions;
import org.shopsuite.bench.Progress;
import org.shopsuite.bench.load.LoadRunner;
import org.shopsuite.bench.load.Outcome;
import org.shopsuite.bench.load.RunResult;
import org.shopsuite.bench.load.Workload;
import org.shopsuite.bench.report.Measurement;

/**
 * What the per-user lock adds to each order, measured from outside without exposing anything new: the exact calls
 * order-service's {@code PerUserOrderLock} makes around an order ({@code tryLock(0 ms)} with Redisson's watchdog, then
 * {@code unlock}: two round trips) on the same lock names, through a Redisson client with the same settings (sentinel
 * mode, master reads, 2 s timeout, 2 retries), from this JVM. Each client cycles over its own 8 users' locks.
 */
public final class LockCostBenchmark {

    public static final String GROUP = "lock";
    public static final String VARIANT = "tryLock+unlock";
    private static final Outcome LOCKED = new Outcome("locked", true);
    private static final Outcome REFUSED = new Outcome("refused", false);

    private final RedissonClient redisson;
    private final BenchOptions options;
    private final Progress progress;

    public LockCostBenchmark(RedissonClient redisson, BenchOptions options, Progress progress) {
        this.redisson = redisson;
        this.options = options;
        this.progress = progress;
    }

    public List<Measurement> run() {
        progress.plan(1 + options.lockClients().size() * options.repetitions());
        Workload locks = (index, clients) -> {
            long firstUser = OrderWorkload.FIRST_USER + (long) index * OrderWorkload.USERS_PER_CLIENT;
            return new Workload.Client() {
                private long count;

                @Override
                public Outcome call() {
                    long user = firstUser + count++ % OrderWorkload.USERS_PER_CLIENT;
                    RLock lock = redisson.getLock("shop:order-lock:user:" + user);
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
        };
        RunResult warm = LoadRunner.run(locks, 4, options.warmup());
        progress.step("lock warm-up: " + Describe.run(warm, "cycles/s"));
        List<Measurement> measurements = new ArrayList<>();
        for (int clients : options.lockClients()) {
            List<RunResult> runs = new ArrayList<>();
            for (int rep = 1; rep <= options.repetitions(); rep++) {
                RunResult result = LoadRunner.run(locks, clients, options.readRun());
                runs.add(result);
                progress.step(String.format("lock %2d clients rep %d/%d: %s", clients, rep, options.repetitions(),
                        Describe.run(result, "cycles/s")));
            }
            measurements.add(new Measurement(GROUP, VARIANT, clients, runs));
        }
        return measurements;
    }
}
