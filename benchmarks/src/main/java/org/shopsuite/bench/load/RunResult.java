package org.shopsuite.bench.load;

import java.util.Map;

/**
 * One measured run: successes per second, latency percentiles of successes (ms), every outcome counted by label
 * ({@code failed}: those of the outcomes that were not successes), the CPU shares (generator, machine) and, where
 * measured, the CPU seconds each group of the stack's processes spent ({@link ProcessCpu}; empty otherwise).
 */
public record RunResult(int clients, double seconds, long ok, double throughput, double p50, double p99,
                        Map<String, Long> outcomes, Map<String, Long> failed, double generatorCpu,
                        double machineCpu, Map<String, Double> processCpu) {

    public RunResult withProcessCpu(Map<String, Double> cpuSeconds) {
        return new RunResult(clients, seconds, ok, throughput, p50, p99, outcomes, failed, generatorCpu, machineCpu,
                Map.copyOf(cpuSeconds));
    }

    public long calls() {
        return outcomes.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Share of calls whose label is {@code label} (for cached reads: {@code "200 L1"} and so on). */
    public double share(String label) {
        long calls = calls();
        return calls == 0 ? Double.NaN : outcomes.getOrDefault(label, 0L) / (double) calls;
    }
}
