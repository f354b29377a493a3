package org.shopsuite.bench.load;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * Runs N closed-loop clients, one platform thread each, until told to stop, timing every call. All clients connect
 * first and start together; throughput is successes over the time from that start to the last client's last answer.
 * Each thread keeps its own latencies and counts, merged once at the end: nothing is shared on the hot path.
 */
public final class LoadRunner {

    private LoadRunner() {
    }

    /** A run of {@code duration}. */
    public static RunResult run(Workload workload, int clients, Duration duration) {
        long end = System.nanoTime() + duration.toNanos();
        return runWhile(workload, clients, () -> System.nanoTime() < end);
    }

    /** A run that goes on while {@code more} says so (each client asks before each call). */
    public static RunResult runWhile(Workload workload, int clients, BooleanSupplier more) {
        return new Run(workload, clients).execute(more);
    }

    /** A run in the background (a load under which something else is measured); {@link Background#stop} ends it. */
    public static Background background(Workload workload, int clients) {
        AtomicBoolean stop = new AtomicBoolean();
        Run run = new Run(workload, clients);
        Background background = new Background(stop);
        background.thread = Thread.ofPlatform().name("background-load").start(
                () -> background.result = run.execute(() -> !stop.get()));
        return background;
    }

    public static final class Background {
        private final AtomicBoolean stop;
        private Thread thread;
        private volatile RunResult result;

        private Background(AtomicBoolean stop) {
            this.stop = stop;
        }

        public RunResult stop() throws InterruptedException {
            stop.set(true);
            thread.join();
            return result;
        }
    }

    private static final class Run {
        private final Workload workload;
        private final int clients;

        Run(Workload workload, int clients) {
            this.workload = workload;
            this.clients = clients;
        }

        RunResult execute(BooleanSupplier more) {
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

        private RunResult measure(List<Workload.Client> connected, BooleanSupplier more) throws InterruptedException {
            List<Latencies> latencies = new ArrayList<>();
            List<Map<String, long[]>> counts = new ArrayList<>();
            List<Map<String, long[]>> failures = new ArrayList<>();
            CountDownLatch go = new CountDownLatch(1);
            List<Thread> threads = new ArrayList<>();
            for (Workload.Client client : connected) {
                Latencies mine = new Latencies();
                Map<String, long[]> myCounts = new HashMap<>();
                Map<String, long[]> myFailures = new HashMap<>();
                latencies.add(mine);
                counts.add(myCounts);
                failures.add(myFailures);
                threads.add(Thread.ofPlatform().name("client-" + threads.size()).start(() -> {
                    awaitQuietly(go);
                    while (more.getAsBoolean()) {
                        long begin = System.nanoTime();
                        Outcome outcome;
                        try {
                            outcome = client.call();
                        } catch (IOException | RuntimeException e) {
                            outcome = Outcome.IO_ERROR;
                        }
                        long took = System.nanoTime() - begin;
                        if (outcome.ok()) {
                            mine.add(took);
                        }
                        myCounts.computeIfAbsent(outcome.label(), k -> new long[1])[0]++;
                        if (!outcome.ok()) {
                            myFailures.computeIfAbsent(outcome.label(), k -> new long[1])[0]++;
                        }
                        if (outcome == Outcome.IO_ERROR) {
                            pause(); // a server that is down should not turn the generator into a busy loop
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
            long[] sorted = Latencies.mergeSorted(latencies);
            return new RunResult(clients, seconds, sorted.length, sorted.length / seconds,
                    Latencies.percentileMillis(sorted, 50), Latencies.percentileMillis(sorted, 99), merge(counts),
                    merge(failures), share.generator(), share.machine(), Map.of());
        }

        private static Map<String, Long> merge(List<Map<String, long[]>> perThread) {
            Map<String, Long> merged = new TreeMap<>();
            perThread.forEach(m -> m.forEach((label, n) -> merged.merge(label, n[0], Long::sum)));
            return merged;
        }

        private static void awaitQuietly(CountDownLatch latch) {
            try {
                latch.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private static void pause() {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
