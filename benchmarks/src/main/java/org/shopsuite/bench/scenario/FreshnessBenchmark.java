package org.shopsuite.bench.scenario;

import java.io.IOException;
import java.net.URI;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.shopsuite.bench.run.BenchOptions;
import org.shopsuite.bench.run.Progress;
import org.shopsuite.bench.http.HttpConnection;
import org.shopsuite.bench.http.HttpResponse;
import org.shopsuite.bench.load.LoadRunner;
import org.shopsuite.bench.load.RunResult;
import org.shopsuite.bench.report.FreshnessResult;
import org.shopsuite.bench.setup.BenchData;
import org.shopsuite.bench.setup.BenchTokens;

/**
 * Commit-to-visible lag: one product's stock is changed by an autocommitted UPDATE (as root, like an operator's fix)
 * while one poller per gateway reads that product every ~0.5 ms; a sample's lag on a gateway is the time from the
 * UPDATE's return to that gateway's first answer with the new value (binlog -> Canal -> canal-sync -> Redis ->
 * invalidation -> L1 evicted -> next read from L2). Measured idle, and under a background order load. An older value
 * seen after the new one (which the contract forbids) is counted too.
 */
public record FreshnessBenchmark(List<URI> gateways, List<URI> orderServices, BenchOptions options, Progress progress,
                                 BenchData data, BenchTokens tokens, List<String> notes) {

    public static final long PRODUCT = 2_300_000;
    static final long TIMEOUT_NANOS = 5_000_000_000L;
    static final int BACKGROUND_CLIENTS = 16;
    /** Consecutive commits that reach no gateway after which the propagation is taken for broken, not slow. */
    static final int GIVE_UP_AFTER = 3;

    /** {@code notes()}: what happened beside the figures (the background load's throughput, older values seen). */
    public FreshnessBenchmark(List<URI> gateways, List<URI> orderServices, BenchOptions options, Progress progress,
                              BenchData data, BenchTokens tokens) {
        this(gateways, orderServices, options, progress, data, tokens, new ArrayList<>());
    }

    public static void prepare(BenchData data) throws SQLException {
        data.insertReadProducts(PRODUCT, 1);
    }

    public List<FreshnessResult> run() throws Exception {
        progress.plan(2);
        List<FreshnessResult> results = new ArrayList<>(measure("idle"));
        var background = LoadRunner.background(OrderWorkload.mixed(orderServices, OrderWorkload.Shape.SPREAD, tokens),
                BACKGROUND_CLIENTS);
        Thread.sleep(1_000);
        String condition = "under order load";
        try {
            results.addAll(measure(condition));
        } finally {
            RunResult load = background.stop();
            notes.add(String.format("Freshness %s: %d clients placing spread orders (half XA, half TCC) in the"
                    + " background, %.0f orders/s while it was measured.", condition, BACKGROUND_CLIENTS,
                    load.throughput()));
        }
        return results;
    }

    private List<FreshnessResult> measure(String condition) throws Exception {
        List<Poller> pollers = gateways.stream().map(Poller::new).toList();
        List<Thread> threads = pollers.stream().map(p -> Thread.ofPlatform().name("poll-" + p.port()).start(p))
                .toList();
        int taken = 0;
        try {
            long base = 10_000_000 + ThreadLocalRandom.current().nextInt(1_000_000) * 10L;
            for (int i = 0, reachedNone = 0; i < options.freshnessSamples() && reachedNone < GIVE_UP_AFTER; i++) {
                long stock = base + i; // values only grow from sample to sample
                pollers.forEach(p -> p.wanted = new Wanted(stock, new AtomicLong()));
                data.setStock(PRODUCT, stock);
                long committed = System.nanoTime();
                while (pollers.stream().anyMatch(p -> p.wanted.seenAt.get() == 0)
                        && System.nanoTime() - committed < TIMEOUT_NANOS) {
                    LockSupport.parkNanos(100_000);
                }
                pollers.forEach(p -> p.record(committed));
                taken++;
                reachedNone = pollers.stream().allMatch(p -> p.wanted.seenAt.get() == 0) ? reachedNone + 1 : 0;
                if (reachedNone == GIVE_UP_AFTER) {
                    notes.add(String.format("Freshness %s: stopped after %d samples, the last %d commits reached no"
                            + " gateway within %d s. Is canal-sync applying changes? (./stack logs canal-sync)",
                            condition, taken, GIVE_UP_AFTER, TIMEOUT_NANOS / 1_000_000_000L));
                }
                Thread.sleep(50 + ThreadLocalRandom.current().nextInt(100)); // samples apart, not in phase with anything
            }
        } finally {
            pollers.forEach(p -> p.running = false);
            for (Thread t : threads) {
                t.join();
            }
        }
        List<FreshnessResult> results = new ArrayList<>();
        for (Poller p : pollers) {
            boolean any = p.lags.getTotalCount() > 0;
            results.add(new FreshnessResult(condition, String.valueOf(p.port()), taken,
                    any ? p.lags.getValueAtPercentile(50) / 1000.0 : Double.NaN,
                    any ? p.lags.getValueAtPercentile(99) / 1000.0 : Double.NaN,
                    any ? p.lags.getMaxValue() / 1000.0 : Double.NaN, p.unseen, p.meanPollMillis()));
            if (p.olderAfterNewer > 0) {
                notes.add(String.format("Freshness %s: gateway %d answered an older value after the new one %d times.",
                        condition, p.port(), p.olderAfterNewer));
            }
        }
        progress.step("freshness " + condition + ": " + results.stream().map(r -> r.unseen() == r.samples()
                ? String.format("%s saw none of %d commits", r.gateway(), r.samples())
                : String.format("%s p50 %.1f ms p99 %.1f ms (%d unseen)", r.gateway(), r.p50(), r.p99(), r.unseen()))
                .collect(java.util.stream.Collectors.joining(", ")));
        return results;
    }

    /** One committed value, and when one gateway first served it (0: not yet). */
    private record Wanted(long stock, AtomicLong seenAt) {
    }

    /**
     * Reads the product from one gateway every ~0.5 ms and marks when the wanted value shows up; keeps that
     * gateway's lags (an HdrHistogram, microseconds) and how many commits it never showed.
     */
    private static final class Poller implements Runnable {
        final HttpConnection http;
        final Histogram lags = new Histogram(3);
        final long started = System.nanoTime();
        volatile Wanted wanted = new Wanted(-1, new AtomicLong(1));
        volatile boolean running = true;
        volatile long stopped;
        long polls;
        long olderAfterNewer;
        int unseen;

        Poller(URI gateway) {
            this.http = new HttpConnection(gateway);
        }

        int port() {
            return http.base().getPort();
        }

        @Override
        public void run() {
            while (running) {
                Wanted now = wanted; // taken before the request: an answer can only hold a value committed before it
                try {
                    HttpResponse response = http.get("/api/products/" + PRODUCT);
                    long at = System.nanoTime();
                    polls++;
                    long stock = response.status() == 200 ? response.longField("stock") : Long.MIN_VALUE;
                    if (stock == now.stock) {
                        now.seenAt.compareAndSet(0, at);
                    } else if (stock < now.stock && stock != Long.MIN_VALUE && now.seenAt.get() != 0) {
                        olderAfterNewer++;
                    }
                } catch (IOException e) {
                    LockSupport.parkNanos(10_000_000);
                }
                LockSupport.parkNanos(500_000);
            }
            stopped = System.nanoTime();
            http.close();
        }

        /** On the measuring thread, once the wait for the current value is over. */
        void record(long committed) {
            long seen = wanted.seenAt.get();
            if (seen == 0) {
                unseen++;
            } else {
                lags.recordValue(Math.max(1, (seen - committed) / 1000));
            }
        }

        double meanPollMillis() {
            return polls == 0 ? Double.NaN : (stopped - started) / 1e6 / polls;
        }
    }
}
