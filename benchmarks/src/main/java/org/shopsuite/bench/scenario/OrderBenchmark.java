package org.shopsuite.bench.scenario;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.shopsuite.bench.run.BenchOptions;
import org.shopsuite.bench.run.Progress;
import org.shopsuite.bench.report.Measurement;
import org.shopsuite.bench.scenario.OrderWorkload.Mode;
import org.shopsuite.bench.scenario.OrderWorkload.Shape;
import org.shopsuite.bench.setup.BenchTokens;

/**
 * Orders in XA, in TCC and on the baseline, side by side, per shape; each run's CPU split by process
 * ({@code stackRunDir}: where ./stack keeps its pid files). 300 ms between runs let phase two and the coordinator's
 * bookkeeping of one run finish before the next starts.
 */
public record OrderBenchmark(List<URI> orderServices, URI baseline, Path stackRunDir, BenchOptions options,
                             Progress progress, BenchTokens tokens) {

    public static String group(Shape shape) {
        return "orders " + shape.name().toLowerCase(Locale.ROOT);
    }

    public List<Measurement> run() throws InterruptedException {
        List<Measurement> measurements = new ArrayList<>();
        for (String shapeName : options.orderShapes()) {
            Shape shape = Shape.valueOf(shapeName);
            Map<String, Sweep.Source> modes = new LinkedHashMap<>();
            for (String modeName : options.orderModes()) {
                Mode mode = Mode.valueOf(modeName);
                modes.put(modeName, () -> new OrderWorkload(mode == Mode.BASELINE ? List.of(baseline) : orderServices,
                        mode, shape, tokens));
            }
            measurements.addAll(new Sweep(group(shape), "orders/s", options.orderClients(), options.orderRun(),
                    options.warmup(), options.repetitions(), stackRunDir, Duration.ofMillis(300), r -> "")
                    .measure(modes, progress));
        }
        return measurements;
    }
}
