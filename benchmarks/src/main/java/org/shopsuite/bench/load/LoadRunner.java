package org.shopsuite.bench.load;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.HdrHistogram.Histogram;

/**
 * Runs N closed-loop clients, one platform thread each, until told to stop, timing every call. All clients connect
 * first and start together; throughput is successes over the time from that start to the last client's last answer.
 * Each thread records into its own histogram and counts, merged once at the end: nothing is shared on the hot path.
 */
public final class LoadRunner {

    /** Latencies in microseconds, 3 significant digits (0.1 %), auto-resizing. */
    private static final int DIGITS = 3;

    private LoadRunner() {
    }

    /** A run of {@code duration}. */
    public static RunResult run(Workload workload, int clients, Duration duration) {
        long end = System.nanoTime() + duration.toNanos();
        return runWhile(workload, clients, () -> System.nanoTime() < end);
    }

    /** A run in the background (a load under which something else is measured); {@link Background#stop} ends it. */
    public static Background background(Workload workload, int clients) {
        AtomicBoolean stop = new AtomicBoolean();
        FutureTask<RunResult> run = new FutureTask<>(() -> runWhile(workload, clients, () -> !stop.get()));
        Thread.ofPlatform().name("background-load").start(run);
        return new Background(stop, run);
    }

    public record Background(AtomicBoolean stopFlag, FutureTask<RunResult> run) {
        public RunResult stop() throws InterruptedException {
            stopFlag.set(true);
            try {
                return run.get();
            } catch (ExecutionException e) {
                throw new IllegalStateException("the background load failed: " + e.getCause(), e.getCause());
            }
        }
    }

    /** A run that goes on while {@code more} says so (each client asks before each call). */
    public static RunResult runWhile(Workload workload, int clients, BooleanSupplier more) {
        List<Workload.Client> connected = new ArrayList<>();
        try {
            for (int i = 0; i < clients; i++) {
                connected.add(workload.client(i, clients));
            }
            return measure(connected, more);
        } catch (IOException e) {
            throw new IllegalStateException("a client could not be set up: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            connected.forEach(Workload.Client::close);
        }
    }

    private static RunResult measure(List<Workload.Client> connected, BooleanSupplier more)
            throws InterruptedException {
        List<Histogram> latencies = new ArrayList<>();
        List<Map<String, long[]>> counts = new ArrayList<>();
        Map<String, Boolean> success = new java.util.concurrent.ConcurrentHashMap<>();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (Workload.Client client : connected) {
            Histogram mine = new Histogram(DIGITS);
            Map<String, long[]> myCounts = new HashMap<>();
            latencies.add(mine);
            counts.add(myCounts);
            threads.add(Thread.ofPlatform().name("client-" + threads.size()).start(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                while (more.getAsBoolean()) {
                    long begin = System.nanoTime();
                    Outcome outcome;
                    try {
                        outcome = client.call();
                    } catch (IOException | RuntimeException e) {
                        outcome = Outcome.IO_ERROR;
                    }
                    if (outcome.ok()) {
                        mine.recordValue(Math.max(1, (System.nanoTime() - begin) / 1000));
                    }
                    if (myCounts.computeIfAbsent(outcome.label(), k -> new long[1])[0]++ == 0) {
                        success.putIfAbsent(outcome.label(), outcome.ok());
                    }
                    if (outcome == Outcome.IO_ERROR) {
                        // a server that is down should not turn the generator into a busy loop
                        java.util.concurrent.locks.LockSupport.parkNanos(20_000_000);
                    }
                }
            }));
        }
        CpuMeter cpu = CpuMeter.start();
        long start = System.nanoTime();
        go.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        CpuMeter.Share share = cpu.stop();
        Histogram all = new Histogram(DIGITS);
        latencies.forEach(all::add);
        Map<String, Long> outcomes = new TreeMap<>();
        counts.forEach(m -> m.forEach((label, n) -> outcomes.merge(label, n[0], Long::sum)));
        Map<String, Long> failed = new TreeMap<>(outcomes);
        failed.keySet().removeIf(success::get);
        return new RunResult(connected.size(), seconds, all, outcomes, failed, share.generator(), share.machine(),
                Map.of());
    }
}
