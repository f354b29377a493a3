package org.shopsuite.bench.report;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.stream.DoubleStream;
import org.shopsuite.bench.load.RunResult;

/**
 * The repetitions of one cell of a table: a group ({@code orders spread}, {@code reads}, {@code lock}), a variant
 * ({@code XA}, {@code BASELINE}, {@code L1} ...) and a client count. Throughput is the mean of the repetitions, with
 * their min and max as the spread; latencies are the median repetition's, with min and max likewise.
 */
public record Measurement(String group, String variant, int clients, List<RunResult> runs) {

    public double throughput() {
        return values(RunResult::throughput).average().orElse(Double.NaN);
    }

    public double throughputMin() {
        return values(RunResult::throughput).min().orElse(Double.NaN);
    }

    public double throughputMax() {
        return values(RunResult::throughput).max().orElse(Double.NaN);
    }

    public double p50() {
        double[] sorted = values(RunResult::p50).sorted().toArray();
        return sorted.length == 0 ? Double.NaN : sorted[(sorted.length - 1) / 2];
    }

    public double p99() {
        double[] sorted = values(RunResult::p99).sorted().toArray();
        return sorted.length == 0 ? Double.NaN : sorted[(sorted.length - 1) / 2];
    }

    public double p99Min() {
        return values(RunResult::p99).min().orElse(Double.NaN);
    }

    public double p99Max() {
        return values(RunResult::p99).max().orElse(Double.NaN);
    }

    public double generatorCpuMax() {
        return values(RunResult::generatorCpu).max().orElse(Double.NaN);
    }

    public double machineCpu() {
        return values(RunResult::machineCpu).average().orElse(Double.NaN);
    }

    /** CPU ms per successful call that a group of the stack's processes spent, over the runs that measured it. */
    public double cpuMillisPerCall(String processGroup) {
        return millisPerCall(run -> run.processCpu().getOrDefault(processGroup, Double.NaN));
    }

    /** CPU ms per successful call that the whole machine spent, over all repetitions. */
    public double machineCpuMillisPerCall(int cores) {
        return millisPerCall(run -> run.machineCpu() * run.seconds() * cores);
    }

    private double millisPerCall(ToDoubleFunction<RunResult> cpuSeconds) {
        List<RunResult> measured = runs.stream().filter(r -> !Double.isNaN(cpuSeconds.applyAsDouble(r))).toList();
        long ok = measured.stream().mapToLong(RunResult::ok).sum();
        return ok == 0 ? Double.NaN : measured.stream().mapToDouble(cpuSeconds).sum() * 1000 / ok;
    }

    /** Every outcome of every repetition, summed by label. */
    public Map<String, Long> outcomes() {
        return sum(RunResult::outcomes);
    }

    /** The calls that failed, summed by label. */
    public Map<String, Long> failed() {
        return sum(RunResult::failed);
    }

    public long calls() {
        return runs.stream().mapToLong(RunResult::calls).sum();
    }

    private Map<String, Long> sum(Function<RunResult, Map<String, Long>> counts) {
        Map<String, Long> all = new TreeMap<>();
        runs.forEach(run -> counts.apply(run).forEach((label, n) -> all.merge(label, n, Long::sum)));
        return all;
    }

    /** The repetitions' values of {@code f}, NaN left out. */
    private DoubleStream values(ToDoubleFunction<RunResult> f) {
        return runs.stream().mapToDouble(f).filter(d -> !Double.isNaN(d));
    }

    /** The measurement of {@code variant} at {@code clients} in {@code group}, if it was measured. */
    public static Optional<Measurement> find(List<Measurement> all, String group, String variant, int clients) {
        return all.stream().filter(m -> m.group.equals(group) && m.variant.equals(variant) && m.clients == clients)
                .findFirst();
    }

    public static List<Integer> clientCounts(List<Measurement> all, String group) {
        return all.stream().filter(m -> m.group.equals(group)).map(Measurement::clients).distinct().sorted().toList();
    }
}
