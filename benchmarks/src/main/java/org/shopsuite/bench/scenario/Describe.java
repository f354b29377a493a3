package org.shopsuite.bench.scenario;

import java.util.Map;
import java.util.stream.Collectors;
import org.shopsuite.bench.load.RunResult;

/** The one-line summary of a run that the progress line shows. */
final class Describe {

    private Describe() {
    }

    static String run(RunResult r, String unit) {
        return String.format("%.0f %s p50 %.1f ms p99 %.1f ms%s  [gen cpu %.0f%%, machine %.0f%%]", r.throughput(), unit,
                r.p50(), r.p99(), failures(r.failed()), r.generatorCpu() * 100, r.machineCpu() * 100);
    }

    private static String failures(Map<String, Long> outcomes) {
        // only the calls that failed: successes are in the throughput
        String failed = outcomes.entrySet().stream()
                .map(e -> e.getValue() + " x " + e.getKey())
                .collect(Collectors.joining(" "));
        return failed.isEmpty() ? "" : "  (" + failed + ")";
    }
}
