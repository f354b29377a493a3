package org.shopsuite.bench.load;

import java.util.Map;
import java.util.stream.Collectors;
import org.HdrHistogram.Histogram;

/**
 * One measured run: the latencies of its successes (an HdrHistogram, microseconds), every outcome counted by label
 * ({@code failed}: those that were not successes), the CPU shares (generator, machine) and, where measured, the CPU
 * seconds each group of the stack's processes spent ({@link ProcessCpu}; empty otherwise).
 */
public record RunResult(int clients, double seconds, Histogram latencies, Map<String, Long> outcomes,
                        Map<String, Long> failed, double generatorCpu, double machineCpu,
                        Map<String, Double> processCpu) {

    public RunResult withProcessCpu(Map<String, Double> cpuSeconds) {
        return new RunResult(clients, seconds, latencies, outcomes, failed, generatorCpu, machineCpu,
                Map.copyOf(cpuSeconds));
    }

    /** Successful calls. */
    public long ok() {
        return latencies.getTotalCount();
    }

    public double throughput() {
        return ok() / seconds;
    }

    /** The latency at {@code percentile} of the successes, in ms (NaN when there were none). */
    public double percentileMillis(double percentile) {
        return ok() == 0 ? Double.NaN : latencies.getValueAtPercentile(percentile) / 1000.0;
    }

    public double p50() {
        return percentileMillis(50);
    }

    public double p99() {
        return percentileMillis(99);
    }

    public long calls() {
        return outcomes.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Share of calls whose label is {@code label} (for cached reads: {@code "200 L1"} and so on). */
    public double share(String label) {
        long calls = calls();
        return calls == 0 ? Double.NaN : outcomes.getOrDefault(label, 0L) / (double) calls;
    }

    /** The progress line's summary of this run. */
    public String summary(String unit) {
        String failures = failed.entrySet().stream().map(e -> e.getValue() + " x " + e.getKey())
                .collect(Collectors.joining(" "));
        return String.format("%.0f %s p50 %.1f ms p99 %.1f ms%s  [gen cpu %.0f%%, machine %.0f%%]", throughput(), unit,
                p50(), p99(), failures.isEmpty() ? "" : "  (" + failures + ")", generatorCpu * 100, machineCpu * 100);
    }
}
