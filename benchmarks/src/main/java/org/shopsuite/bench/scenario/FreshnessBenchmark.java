package org.shopsuite.bench.scenario;

import java.io.IOException;
import java.net.URI;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.shopsuite.bench.BenchOptions;
import org.shopsuite.bench.Progress;
import org.shopsuite.bench.http.HttpConnection;
import org.shopsuite.bench.http.HttpResponse;
import org.shopsuite.bench.load.LoadRunner;
import org.shopsuite.bench.load.RunResult;
import org.shopsuite.bench.report.FreshnessResult;
import org.shopsuite.bench.setup.BenchData;

/**
 * Commit-to-visible lag: one product's stock is changed by an autocommitted UPDATE (as root, like an operator's fix)
 * while one poller per gateway reads that product every ~0.5 ms; a sample's lag on a gateway is the time from the
 * UPDATE's return to that gateway's first answer with the new value (binlog -> Canal -> canal-sync -> Redis ->
 * invalidation -> L1 evicted -> next read from L2). Measured idle, and under a background order load. An older value
 * seen after the new one (which the contract forbids) is counted too.
 */
public final class FreshnessBenchmark {

    public static final long PRODUCT = 2_300_000;
    static final long TIMEOUT_NANOS = 5_000_000_000L;
    static final long POLL_PAUSE_NANOS = 500_000;
    static final int BACKGROUND_CLIENTS = 16;
    /** Consecutive commits that reach no gateway after which the propagation is taken for broken, not slow. */
    static final int GIVE_UP_AFTER = 3;

    private final List<URI> gateways;
    private final List<URI> orderServices;
    private final BenchOptions options;
    private final Progress progress;
    private final BenchData data;
    private final List<String> notes = new ArrayList<>();

    public FreshnessBenchmark(List<URI> gateways, List<URI> orderServices, BenchOptions options, Progress progress,
                              BenchData data) {
        this.gateways = gateways;
        this.orderServices = orderServices;
        this.options = options;
        this.progress = progress;
        this.data = data;
    }

    public static void prepare(BenchData data) throws SQLException {
        data.insertReadProducts(PRODUCT, 1);
    }

    /** What happened beside the figures (the background load's own throughput, older values seen). */
    public List<String> notes() {
        return notes;
    }

    public List<FreshnessResult> run() throws Exception {
        progress.plan(2);
        List<FreshnessResult> results = new ArrayList<>(measure("idle"));
        var background = LoadRunner.background(OrderWorkload.mixed(orderServices, OrderWorkload.Shape.SPREAD),
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
        List<Thread> threads = pollers.stream().map(p -> Thread.ofPlatform().name("poll-" + p.http.base().getPort())
                .start(p)).toList();
        List<Histogram> lags = pollers.stream().map(p -> new Histogram(3)).toList(); // microseconds
        int[] unseen = new int[pollers.size()];
        int taken = 0;
        try {
            long base = 10_000_000 + ThreadLocalRandom.current().nextInt(1_000_000) * 10L;
            int reachedNoGateway = 0;
            for (int i = 0; i < options.freshnessSamples(); i++) {
                Sample sample = new Sample(base + i, pollers.size());
                pollers.forEach(p -> p.current = sample);
                data.setStock(PRODUCT, sample.stock);
                long committed = System.nanoTime();
                while (!sample.seenByAll() && System.nanoTime() - committed < TIMEOUT_NANOS) {
                    LockSupport.parkNanos(100_000);
                }
                for (int g = 0; g < pollers.size(); g++) {
                    long seen = sample.seenAt[g].get();
                    if (seen == 0) {
                        unseen[g]++;
                    } else {
                        lags.get(g).recordValue(Math.max(1, (seen - committed) / 1000));
                    }
                }
                taken++;
                reachedNoGateway = sample.seenByNone() ? reachedNoGateway + 1 : 0;
                if (reachedNoGateway == GIVE_UP_AFTER) {
                    notes.add(String.format("Freshness %s: stopped after %d samples, the last %d commits reached no"
                            + " gateway within %d s. Is canal-sync applying changes? (./stack logs canal-sync)",
                            condition, taken, GIVE_UP_AFTER, TIMEOUT_NANOS / 1_000_000_000L));
                    break;
                }
                Thread.sleep(50 + ThreadLocalRandom.current().nextInt(100)); // samples apart, not in phase with anything
            }
        } finally {
            pollers.forEach(Poller::stop);
            for (Thread t : threads) {
                t.join();
            }
        }
        List<FreshnessResult> results = new ArrayList<>();
        for (int g = 0; g < pollers.size(); g++) {
            Histogram seen = lags.get(g);
            Poller poller = pollers.get(g);
            boolean any = seen.getTotalCount() > 0;
            results.add(new FreshnessResult(condition, String.valueOf(poller.http.base().getPort()), taken,
                    any ? seen.getValueAtPercentile(50) / 1000.0 : Double.NaN,
                    any ? seen.getValueAtPercentile(99) / 1000.0 : Double.NaN,
                    any ? seen.getMaxValue() / 1000.0 : Double.NaN, unseen[g], poller.meanPollMillis()));
            if (poller.olderAfterNewer > 0) {
                notes.add(String.format("Freshness %s: gateway %d answered an older value after the new one %d times.",
                        condition, poller.http.base().getPort(), poller.olderAfterNewer));
            }
        }
        progress.step(String.format("freshness %s: %s", condition, results.stream()
                .map(r -> r.unseen() == r.samples()
                        ? String.format("%s saw none of %d commits", r.gateway(), r.samples())
                        : String.format("%s p50 %.1f ms p99 %.1f ms (%d unseen)", r.gateway(), r.p50(), r.p99(),
                        r.unseen())).reduce((a, b) -> a + ", " + b).orElse("")));
        return results;
    }

    /** One committed value, and when each gateway (by poller index) first served it. */
    private static final class Sample {
        final long stock;
        final AtomicLong[] seenAt;

        Sample(long stock, int gateways) {
            this.stock = stock;
            this.seenAt = new AtomicLong[gateways];
            Arrays.setAll(seenAt, g -> new AtomicLong());
        }

        boolean seenByNone() {
            return Arrays.stream(seenAt).allMatch(seen -> seen.get() == 0);
        }

        boolean seenByAll() {
            return Arrays.stream(seenAt).allMatch(seen -> seen.get() != 0);
        }
    }

    /** Reads the product from one gateway, over and over, and marks when the current sample's value shows up. */
    private final class Poller implements Runnable {
        final HttpConnection http;
        final int index;
        volatile Sample current;
        volatile boolean running = true;
        long polls;
        long olderAfterNewer;
        final long started = System.nanoTime();
        volatile long stopped;

        Poller(URI gateway) {
            this.http = new HttpConnection(gateway);
            this.index = gateways.indexOf(gateway);
        }

        @Override
        public void run() {
            while (running) {
                Sample sample = current;
                try {
                    HttpResponse response = http.get("/api/products/" + PRODUCT);
                    long now = System.nanoTime();
                    polls++;
                    if (sample != null && response.status() == 200) {
                        long stock = response.longField("stock");
                        if (stock == sample.stock) {
                            sample.seenAt[index].compareAndSet(0, now);
                        } else if (stock < sample.stock && sample.seenAt[index].get() != 0) {
                            olderAfterNewer++; // values only grow from sample to sample: this one is older
                        }
                    }
                } catch (IOException e) {
                    LockSupport.parkNanos(10_000_000);
                }
                LockSupport.parkNanos(POLL_PAUSE_NANOS);
            }
            stopped = System.nanoTime();
            http.close();
        }

        void stop() {
            running = false;
        }

        double meanPollMillis() {
            return polls == 0 ? Double.NaN : (stopped - started) / 1e6 / polls;
        }
    }
}
