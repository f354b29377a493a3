package org.shopsuite.bench.scenario;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.shopsuite.bench.BenchOptions;
import org.shopsuite.bench.Progress;
import org.shopsuite.bench.load.LoadRunner;
import org.shopsuite.bench.load.ProcessCpu;
import org.shopsuite.bench.load.RunResult;
import org.shopsuite.bench.load.Workload;
import org.shopsuite.bench.report.Measurement;
import org.shopsuite.bench.scenario.OrderWorkload.Mode;
import org.shopsuite.bench.scenario.OrderWorkload.Shape;

/**
 * Orders in XA, in TCC and on the baseline, side by side: for each shape and client count, every repetition runs the
 * three modes one after the other, so a drift of the machine during the run touches all three alike.
 */
public final class OrderBenchmark {

    /** Lets phase two and the coordinator's bookkeeping of one run finish before the next run starts. */
    private static final Duration SETTLE = Duration.ofMillis(300);

    private final List<URI> orderServices;
    private final URI baseline;
    private final Path stackRunDir;
    private final BenchOptions options;
    private final Progress progress;

    /** {@code stackRunDir}: where ./stack keeps its pid files, to split the CPU an order costs by process. */
    public OrderBenchmark(List<URI> orderServices, URI baseline, Path stackRunDir, BenchOptions options,
                          Progress progress) {
        this.orderServices = orderServices;
        this.baseline = baseline;
        this.stackRunDir = stackRunDir;
        this.options = options;
        this.progress = progress;
    }

    public static String group(Shape shape) {
        return "orders " + shape.name().toLowerCase(Locale.ROOT);
    }

    public List<Measurement> run() throws InterruptedException {
        List<Mode> modes = options.orderModes().stream().map(Mode::valueOf).toList();
        List<Shape> shapes = options.orderShapes().stream().map(Shape::valueOf).toList();
        int perShape = modes.size() * (1 + options.orderClients().size() * options.repetitions());
        progress.plan(shapes.size() * perShape);
        List<Measurement> measurements = new ArrayList<>();
        for (Shape shape : shapes) {
            for (Mode mode : modes) {
                int clients = Math.min(16, options.orderClients().stream().max(Integer::compare).orElse(16));
                RunResult warm = LoadRunner.run(workload(mode, shape), clients, options.warmup());
                progress.step(String.format("%s %-8s warm-up %d clients: %s", group(shape), mode, clients,
                        Describe.run(warm, "orders/s")));
                settle();
            }
            for (int clients : options.orderClients()) {
                Map<Mode, List<RunResult>> runs = new EnumMap<>(Mode.class);
                for (int rep = 1; rep <= options.repetitions(); rep++) {
                    for (Mode mode : modes) {
                        ProcessCpu cpu = ProcessCpu.start(stackRunDir);
                        RunResult result = LoadRunner.run(workload(mode, shape), clients, options.orderRun())
                                .withProcessCpu(cpu.stop());
                        runs.computeIfAbsent(mode, m -> new ArrayList<>()).add(result);
                        progress.step(String.format("%s %-8s %2d clients rep %d/%d: %s", group(shape), mode, clients,
                                rep, options.repetitions(), Describe.run(result, "orders/s")));
                        settle();
                    }
                }
                runs.forEach((mode, results) ->
                        measurements.add(new Measurement(group(shape), mode.name(), clients, results)));
            }
        }
        return measurements;
    }

    private Workload workload(Mode mode, Shape shape) {
        return new OrderWorkload(mode == Mode.BASELINE ? List.of(baseline) : orderServices, mode, shape);
    }

    private static void settle() throws InterruptedException {
        Thread.sleep(SETTLE.toMillis());
    }
}
