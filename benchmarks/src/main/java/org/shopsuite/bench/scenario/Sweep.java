package org.shopsuite.bench.scenario;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.shopsuite.bench.run.Progress;
import org.shopsuite.bench.load.LoadRunner;
import org.shopsuite.bench.load.ProcessCpu;
import org.shopsuite.bench.load.RunResult;
import org.shopsuite.bench.load.Workload;
import org.shopsuite.bench.report.Measurement;

/**
 * The measuring loop every scenario shares: a warm-up run per variant, then at each client count {@code reps}
 * repetitions with the variants interleaved (baseline, XA, TCC, baseline, ...), so a drift of the machine touches
 * them all alike. {@code cpuOf}: where ./stack keeps its pid files, to split each run's CPU by process (or null).
 */
record Sweep(String group, String unit, List<Integer> clients, Duration run, Duration warmup, int reps, Path cpuOf,
             Duration settle, Function<RunResult, String> detail) {

    /** Makes a variant's workload just before it runs (a MISS run first empties its cache entries). */
    interface Source {
        Workload get() throws InterruptedException;
    }

    List<Measurement> measure(Map<String, Source> variants, Progress progress) throws InterruptedException {
        progress.plan(variants.size() * (1 + clients.size() * reps));
        int warmClients = Math.min(16, clients.stream().max(Integer::compare).orElse(16));
        for (var variant : variants.entrySet()) {
            RunResult warm = LoadRunner.run(variant.getValue().get(), warmClients, warmup);
            progress.step(String.format("%s %-8s warm-up %d clients: %s", group, variant.getKey(), warmClients,
                    warm.summary(unit)));
            Thread.sleep(settle.toMillis());
        }
        List<Measurement> measurements = new ArrayList<>();
        for (int n : clients) {
            Map<String, List<RunResult>> runs = new LinkedHashMap<>();
            for (int rep = 1; rep <= reps; rep++) {
                for (var variant : variants.entrySet()) {
                    Workload workload = variant.getValue().get();
                    ProcessCpu cpu = cpuOf == null ? null : ProcessCpu.start(cpuOf);
                    RunResult result = LoadRunner.run(workload, n, run);
                    if (cpu != null) {
                        result = result.withProcessCpu(cpu.stop());
                    }
                    runs.computeIfAbsent(variant.getKey(), v -> new ArrayList<>()).add(result);
                    progress.step(String.format("%s %-8s %2d clients rep %d/%d: %s%s", group, variant.getKey(), n, rep,
                            reps, result.summary(unit), detail.apply(result)));
                    Thread.sleep(settle.toMillis());
                }
            }
            runs.forEach((variant, results) -> measurements.add(new Measurement(group, variant, n, results)));
        }
        return measurements;
    }
}
