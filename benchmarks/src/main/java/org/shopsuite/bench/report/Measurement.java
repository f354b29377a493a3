package org.shopsuite.bench.report;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import org.shopsuite.bench.load.RunResult;

/**
 * The repetitions of one cell of a table: a group ({@code orders spread}, {@code reads}, {@code lock}), a variant
 * ({@code XA}, {@code baseline}, {@code L1} ...) and a client count. Throughput is the mean of the repetitions, with
 * their min and max as the spread; latencies are the median repetition's, with min and max likewise.
 */
public record Measurement(String group, String variant, int clients, List<RunResult> runs) {

    public double throughput() {
        return runs.stream().mapToDouble(RunResult::throughput).average().orElse(Double.NaN);
    }

    public double throughputMin() {
        return min(RunResult::throughput);
    }

    public double throughputMax() {
        return max(RunResult::throughput);
    }

    public double p50() {
        return median(RunResult::p50);
    }

    public double p99() {
        return median(RunResult::p99);
    }

    public double p99Min() {
        return min(RunResult::p99);
    }

    public double p99Max() {
        return max(RunResult::p99);
    }

    public double generatorCpuMax() {
        return max(RunResult::generatorCpu);
    }

    public double machineCpu() {
        return runs.stream().mapToDouble(RunResult::machineCpu).filter(d -> !Double.isNaN(d)).average()
                .orElse(Double.NaN);
    }

    /**
     * CPU milliseconds per successful call that the processes of {@code group} spent (ProcessCpu), over all
     * repetitions that measured it; NaN when none did.
     */
    public double cpuMillisPerCall(String processGroup) {
        return millisPerCall(run -> run.processCpu().getOrDefault(processGroup, Double.NaN));
    }

    /** CPU milliseconds per successful call that the whole machine spent, over all repetitions. */
    public double machineCpuMillisPerCall(int cores) {
        return millisPerCall(run -> run.machineCpu() * run.seconds() * cores);
    }

    /** CPU seconds per run (NaN where not measured) summed, per successful call of those runs, in ms. */
    private double millisPerCall(ToDoubleFunction<RunResult> cpuSeconds) {
        double seconds = 0;
        long ok = 0;
        for (RunResult run : runs) {
            double s = cpuSeconds.applyAsDouble(run);
            if (!Double.isNaN(s)) {
                seconds += s;
                ok += run.ok();
            }
        }
        return ok == 0 ? Double.NaN : seconds * 1000 / ok;
    }

    /** Every outcome of every repetition, summed by label. */
    public Map<String, Long> outcomes() {
        Map<String, Long> all = new TreeMap<>();
        runs.forEach(run -> run.outcomes().forEach((label, n) -> all.merge(label, n, Long::sum)));
        return all;
    }

    /** The calls that failed, summed by label. */
    public Map<String, Long> failed() {
        Map<String, Long> all = new TreeMap<>();
        runs.forEach(run -> run.failed().forEach((label, n) -> all.merge(label, n, Long::sum)));
        return all;
    }

    public long calls() {
        return outcomes().values().stream().mapToLong(Long::longValue).sum();
    }

    /** Share of all calls with this outcome label. */
    public double share(String label) {
        long calls = calls();
        return calls == 0 ? Double.NaN : outcomes().getOrDefault(label, 0L) / (double) calls;
    }

    private double min(ToDoubleFunction<RunResult> f) {
        return runs.stream().mapToDouble(f).filter(d -> !Double.isNaN(d)).min().orElse(Double.NaN);
    }

    private double max(ToDoubleFunction<RunResult> f) {
        return runs.stream().mapToDouble(f).filter(d -> !Double.isNaN(d)).max().orElse(Double.NaN);
    }

    private double median(ToDoubleFunction<RunResult> f) {
        double[] sorted = runs.stream().mapToDouble(f).filter(d -> !Double.isNaN(d)).sorted().toArray();
        return sorted.length == 0 ? Double.NaN : sorted[(sorted.length - 1) / 2];
    }

    /** The measurement of {@code variant} at {@code clients} in {@code group}, if it was measured. */
    public static java.util.Optional<Measurement> find(List<Measurement> all, String group, String variant,
                                                       int clients) {
        return all.stream().filter(m -> m.group.equals(group) && m.variant.equals(variant) && m.clients == clients)
                .findFirst();
    }

    public static List<Integer> clientCounts(List<Measurement> all, String group) {
        return all.stream().filter(m -> m.group.equals(group)).map(Measurement::clients).distinct()
                .sorted(Comparator.naturalOrder()).toList();
    }
}
