package org.shopsuite.bench.http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.shopsuite.bench.load.LoadRunner;
import org.shopsuite.bench.load.Outcome;
import org.shopsuite.bench.load.RunResult;
import org.shopsuite.bench.load.Workload;

/**
 * {@code ./stack bench --client-cost}: whether the hand-made {@link HttpConnection} is still worth keeping. The same
 * closed loop of GETs at one URL (the gateway's constant endpoint) through it and through the JDK's
 * {@link HttpClient} (one shared client, HTTP/1.1, as it is meant to be used), interleaved, and for each the
 * generator's process CPU per request: CPU the generator takes from the two cores the measured stack shares.
 */
public final class ClientCost {

    private ClientCost() {
    }

    /** Runs both clients at each client count, {@code reps} times interleaved; returns a markdown table. */
    public static String measure(URI url, List<Integer> clientCounts, Duration run, int reps,
                                 java.io.PrintStream progress) {
        Map<String, Workload> clients = new LinkedHashMap<>();
        clients.put("HttpConnection (plain socket)", handMade(url));
        HttpClient jdk = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
        clients.put("JDK HttpClient (shared, HTTP/1.1)", jdkClient(jdk, url));
        clients.values().forEach(w -> LoadRunner.run(w, 4, run)); // warm both up (JIT) before measuring either
        StringBuilder md = new StringBuilder("| client | clients | requests/s | p50 ms | p99 ms | generator CPU µs"
                + " per request (min-max) | generator CPU % |\n|---|---:|---:|---:|---:|---:|---:|\n");
        int cores = Runtime.getRuntime().availableProcessors();
        for (int n : clientCounts) {
            Map<String, List<RunResult>> runs = new LinkedHashMap<>();
            for (int rep = 0; rep < reps; rep++) {
                for (var client : clients.entrySet()) {
                    RunResult r = LoadRunner.run(client.getValue(), n, run);
                    runs.computeIfAbsent(client.getKey(), k -> new ArrayList<>()).add(r);
                    progress.printf("  client cost: %s, %d clients: %.1f µs CPU per request; %s%n", client.getKey(),
                            n, micros(r, cores), r.summary("req/s"));
                }
            }
            runs.forEach((name, rs) -> {
                double[] us = rs.stream().mapToDouble(r -> micros(r, cores)).toArray();
                RunResult median = rs.stream().sorted(java.util.Comparator.comparingDouble(RunResult::throughput))
                        .toList().get(rs.size() / 2);
                md.append(String.format(Locale.ROOT, "| %s | %d | %.0f | %.2f | %.2f | %.1f (%.1f-%.1f) | %.0f |%n",
                        name, n, rs.stream().mapToDouble(RunResult::throughput).average().orElse(Double.NaN),
                        median.p50(), median.p99(), java.util.Arrays.stream(us).average().orElse(Double.NaN),
                        java.util.Arrays.stream(us).min().orElse(Double.NaN),
                        java.util.Arrays.stream(us).max().orElse(Double.NaN),
                        rs.stream().mapToDouble(RunResult::generatorCpu).average().orElse(Double.NaN) * 100));
            });
        }
        return md.toString();
    }

    /** Process CPU microseconds per request (all threads of this JVM, the JDK client's selector thread included). */
    private static double micros(RunResult r, int cores) {
        return r.generatorCpu() * r.seconds() * cores * 1e6 / Math.max(1, r.calls());
    }

    private static Workload handMade(URI url) {
        String path = url.getRawPath();
        return (index, n) -> {
            HttpConnection http = new HttpConnection(URI.create(url.getScheme() + "://" + url.getAuthority()));
            return new Workload.Client() {
                @Override
                public Outcome call() throws IOException {
                    return Outcome.of(http.get(path).status(), 200);
                }

                @Override
                public void close() {
                    http.close();
                }
            };
        };
    }

    private static Workload jdkClient(HttpClient jdk, URI url) {
        HttpRequest request = HttpRequest.newBuilder(url).GET().build();
        return (index, n) -> () -> {
            try {
                return Outcome.of(jdk.send(request, BodyHandlers.ofString()).statusCode(), 200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        };
    }
}
