package org.shopsuite.bench.report;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.shopsuite.bench.load.ProcessCpu;
import org.shopsuite.bench.load.RunResult;

/**
 * The report as markdown (the shape BENCHMARKS.md keeps) and the PNG plots it links to. Ratios are this run's mean
 * throughput over the ceiling's mean throughput measured in the same run (orders: the baseline; reads: the
 * gateway's constant endpoint).
 */
public final class MarkdownReport {

    private static final List<String> ORDER_MODES = List.of("BASELINE", "XA", "TCC");
    private static final List<String> READ_VARIANTS = List.of("CONSTANT", "L1-TOKEN", "L1", "L2", "MISS");
    private static final Map<String, Color> COLORS = Map.of("BASELINE", Charts.GREY, "CONSTANT", Charts.GREY,
            "XA", Charts.BLUE, "TCC", Charts.ORANGE, "L1-TOKEN", Charts.PURPLE, "L1", Charts.GREEN, "L2", Charts.BLUE,
            "MISS", Charts.RED);

    private final BenchReport report;
    private final List<Measurement> all;
    private final Path dir;
    private final StringBuilder md = new StringBuilder();

    private MarkdownReport(BenchReport report, Path dir) {
        this.report = report;
        this.all = report.measurements();
        this.dir = dir;
    }

    /** Writes report.md and the plots into {@code dir}; returns the markdown. */
    public static String write(BenchReport report, Path dir) throws IOException {
        MarkdownReport markdown = new MarkdownReport(report, dir);
        markdown.render();
        Files.writeString(dir.resolve("report.md"), markdown.md);
        return markdown.md.toString();
    }

    private void render() throws IOException {
        Machine m = report.machine();
        md.append("# shopsuite benchmark: ").append(report.quick() ? "QUICK run" : "full run").append(", ")
                .append(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
                        .format(report.started().atZone(ZoneOffset.UTC))).append("\n\n");
        if (report.quick()) {
            md.append("> A quick run: every scenario, but runs of about a second. It proves the chain works; its"
                    + " figures are rough.\n\n");
        }
        long took = report.took().toSeconds();
        md.append(String.format("- Command: `%s` (took %d:%02d); %s%n", report.command(), took / 60, took % 60,
                report.settings()));
        md.append(String.format("- Machine: %s, %d cores, %s RAM; %s; %s; %s%n", m.cpu(), m.cores(), m.memory(), m.os(),
                m.jdk(), m.database()));
        md.append("- Load average when the run started: ").append(m.loadAverage()).append(" (1/5/15 min). The whole"
                + " stack and the load generator share these cores.\n\n");
        for (String shape : List.of("spread", "hot")) {
            orders(shape);
        }
        cpuPerOrder();
        reads();
        freshness();
        lock();
        generator();
        if (!report.notes().isEmpty()) {
            md.append("## Notes\n\n");
            report.notes().forEach(n -> md.append("- ").append(n).append('\n'));
            md.append('\n');
        }
    }

    private void orders(String shape) throws IOException {
        String group = "orders " + shape;
        List<Integer> clients = Measurement.clientCounts(all, group);
        if (clients.isEmpty()) {
            return;
        }
        md.append("## Orders, ").append(shape).append(shape.equals("hot")
                ? " (many users, all buying one product)\n\n" : " (many users, 1,000 products)\n\n");
        md.append("![throughput](orders-throughput-").append(shape).append(".png)\n")
                .append("![latency](orders-latency-").append(shape).append(".png)\n\n");
        ratioTable(group, ORDER_MODES, clients, "orders/s", "baseline / XA / TCC");
        latencyTable(group, ORDER_MODES, clients);
        failures(group);
        md.append('\n');
        plots(group, ORDER_MODES, clients, "Orders, " + shape, "orders / s", "orders-%s-" + shape + ".png");
    }

    /** Throughput per variant, each beside its ratio to the first (the ceiling), and how busy the machine was. */
    private void ratioTable(String group, List<String> variants, List<Integer> clients, String unit, String busy) {
        String ceiling = label(variants.get(0));
        md.append("| clients | ").append(ceiling).append(' ').append(unit);
        variants.stream().skip(1).forEach(v -> md.append(" | ").append(label(v)).append(' ').append(unit)
                .append(" | ").append(label(v)).append(" / ").append(ceiling));
        md.append(" | machine busy % (").append(busy).append(") |\n|---:")
                .append("|---:".repeat(2 * variants.size())).append("|\n");
        for (int c : clients) {
            Optional<Measurement> base = Measurement.find(all, group, variants.get(0), c);
            md.append("| ").append(c);
            for (String v : variants) {
                Optional<Measurement> cell = Measurement.find(all, group, v, c);
                md.append(" | ").append(cell.map(m -> String.format(Locale.ROOT, "%s (%s-%s)", number(m.throughput()),
                        number(m.throughputMin()), number(m.throughputMax()))).orElse("-"));
                if (!v.equals(variants.get(0))) {
                    md.append(" | ").append(cell.isEmpty() || base.isEmpty() || !(base.get().throughput() > 0) ? "n/a"
                            : String.format(Locale.ROOT, "%.2f", cell.get().throughput() / base.get().throughput()));
                }
            }
            md.append(" | ").append(variants.stream().map(v -> Measurement.find(all, group, v, c)
                    .map(m -> Double.isNaN(m.machineCpu()) ? "?" : String.format(Locale.ROOT, "%.0f",
                            m.machineCpu() * 100)).orElse("-")).collect(Collectors.joining(" / "))).append(" |\n");
        }
    }

    /** The median repetition's p50 and p99, with the p99's min-max over repetitions. */
    private void latencyTable(String group, List<String> variants, List<Integer> clients) {
        md.append("\n| clients");
        variants.forEach(v -> md.append(" | ").append(label(v)).append(" p50 / p99 ms"));
        md.append(" |\n|---:").append("|---:".repeat(variants.size())).append("|\n");
        for (int c : clients) {
            md.append("| ").append(c);
            for (String v : variants) {
                md.append(" | ").append(Measurement.find(all, group, v, c).map(m -> String.format(Locale.ROOT,
                        "%s / %s (%s-%s)", ms(m.p50()), ms(m.p99()), ms(m.p99Min()), ms(m.p99Max()))).orElse("-"));
            }
            md.append(" |\n");
        }
    }

    private void failures(String group) {
        String lines = all.stream().filter(m -> m.group().equals(group) && !m.failed().isEmpty())
                .map(m -> String.format(Locale.ROOT, "%s at %d clients: %s of %d", label(m.variant()), m.clients(),
                        describe(m.failed()), m.calls())).collect(Collectors.joining("; "));
        if (!lines.isEmpty()) {
            md.append("\nFailed calls (not in the figures above): ").append(lines).append(".\n");
        }
    }

    /** A throughput chart (mean; whiskers: the repetition furthest from it) and a latency chart (p50, p99). */
    private void plots(String group, List<String> variants, List<Integer> clients, String title, String unit,
                       String file) throws IOException {
        List<String> categories = clients.stream().map(c -> c + (c == 1 ? " client" : " clients")).toList();
        List<Charts.Series> throughput = new ArrayList<>();
        List<Charts.Series> latency = new ArrayList<>();
        for (String v : variants) {
            List<Optional<Measurement>> cells = clients.stream().map(c -> Measurement.find(all, group, v, c)).toList();
            if (cells.stream().allMatch(Optional::isEmpty)) {
                continue; // not run (--modes): XChart cannot draw a series of nothing but gaps with whiskers
            }
            Function<Function<Measurement, Double>, List<Double>> values = f -> cells.stream()
                    .map(m -> m.map(f).filter(d -> !d.isNaN()).orElse(null)).toList();
            throughput.add(new Charts.Series(label(v), COLORS.get(v), values.apply(Measurement::throughput),
                    values.apply(m -> Math.max(m.throughput() - m.throughputMin(), m.throughputMax() - m.throughput()))));
            latency.add(new Charts.Series(label(v) + " p50", COLORS.get(v), values.apply(Measurement::p50), null));
            latency.add(new Charts.Series(label(v) + " p99", Charts.light(COLORS.get(v)), values.apply(Measurement::p99),
                    null));
        }
        Charts.write(title + ": throughput (mean; whiskers reach the repetition furthest from it)", unit, false,
                categories, throughput, dir.resolve(String.format(file, "throughput")));
        Charts.write(title + ": latency p50 and p99 (median repetition)", "ms", true, categories, latency,
                dir.resolve(String.format(file, "latency")));
    }

    /**
     * Where an order's CPU goes: per process group, at the client count closest to 16 (the targets' point). The
     * processes share the cores, so this split, not any one service's latency, says what a cut can save.
     */
    private void cpuPerOrder() throws IOException {
        List<Measurement> rows = new ArrayList<>();
        for (String group : List.of("orders spread", "orders hot")) {
            Measurement.clientCounts(all, group).stream().min(Comparator.comparingInt(c -> Math.abs(c - 16)))
                    .ifPresent(at -> ORDER_MODES.forEach(mode -> Measurement.find(all, group, mode, at)
                            .filter(m -> !m.runs().get(0).processCpu().isEmpty()).ifPresent(rows::add)));
        }
        if (rows.isEmpty()) {
            return;
        }
        List<String> shown = ProcessCpu.groupNames().stream()
                .filter(g -> rows.stream().anyMatch(m -> m.cpuMillisPerCall(g) > 0)).toList();
        md.append("## CPU per order, by process\n\n![cpu per order](cpu-per-order.png)\n\n")
                .append("CPU milliseconds each group of processes spent per successful order (user + system time from"
                        + " `/proc/<pid>/stat`, over all repetitions): *order x2* both order-service instances, *Redis*"
                        + " the master, both replicas and the three sentinels, *Canal* the Canal server and canal-sync."
                        + " *machine* is the whole machine's busy time per order; *other* is what no listed process"
                        + " accounts for (the kernel's own threads, other programs).\n\n");
        md.append("| shape | mode | clients | ").append(String.join(" | ", shown)).append(" | other | machine |\n")
                .append("|---|---|---:").append("|---:".repeat(shown.size() + 2)).append("|\n");
        List<Charts.Series> series = new ArrayList<>();
        for (Measurement m : rows) {
            String shape = m.group().substring("orders ".length());
            List<Double> values = shown.stream().map(m::cpuMillisPerCall).toList();
            double listed = values.stream().mapToDouble(v -> v.isNaN() ? 0 : v).sum();
            double machine = m.machineCpuMillisPerCall(ProcessCpu.cores());
            md.append("| ").append(shape).append(" | ").append(label(m.variant())).append(" | ").append(m.clients());
            values.forEach(v -> md.append(" | ").append(v.isNaN() ? "-" : ms(v)));
            md.append(" | ").append(ms(Math.max(0, machine - listed))).append(" | ").append(ms(machine)).append(" |\n");
            Color color = COLORS.get(m.variant());
            series.add(new Charts.Series(shape + " " + label(m.variant()), shape.equals("hot") ? Charts.light(color)
                    : color, values.stream().map(v -> v.isNaN() ? null : v).toList(), null));
        }
        md.append('\n');
        Charts.write("CPU per order by process (" + rows.get(0).clients() + " clients)", "CPU ms / order", false,
                shown, series, dir.resolve("cpu-per-order.png"));
    }

    private void reads() throws IOException {
        List<Integer> clients = Measurement.clientCounts(all, "reads");
        if (clients.isEmpty()) {
            return;
        }
        md.append("## Cached reads at the gateway\n\n")
                .append("Clients alternate between the two gateway instances. `constant` is the gateway's"
                        + " `GET /bench/constant` (no cache, no lookup): the ceiling. `L1-TOKEN` reads a balance from L1"
                        + " with its owner's bearer token: beside `constant`, the cost of checking a token.\n\n")
                .append("![throughput](reads-throughput.png)\n![latency](reads-latency.png)\n\n");
        ratioTable("reads", READ_VARIANTS, clients, "reads/s", "const / L1 token / L1 / L2 / MISS");
        latencyTable("reads", READ_VARIANTS, clients);
        List<String> purity = new ArrayList<>();
        List<String> others = new ArrayList<>();
        for (String level : List.of("L1", "L2", "MISS")) {
            Map<String, Long> answers = new TreeMap<>();
            all.stream().filter(m -> m.group().equals("reads") && m.variant().equals(level))
                    .forEach(m -> m.outcomes().forEach((label, n) -> answers.merge(label, n, Long::sum)));
            long calls = answers.values().stream().mapToLong(Long::longValue).sum();
            if (calls > 0) {
                purity.add(String.format(Locale.ROOT, "%s %.1f %%", level,
                        100.0 * answers.getOrDefault("200 " + level, 0L) / calls));
            }
            answers.remove("200 " + level);
            if (!answers.isEmpty()) {
                others.add("The other " + level + " answers: " + describe(answers) + ".\n");
            }
        }
        md.append("\nAnswers that came from the intended level (`X-Cache`), all client counts together: ")
                .append(String.join(", ", purity)).append(".\n").append(String.join("", others)).append('\n');
        plots("reads", READ_VARIANTS, clients, "Gateway reads", "reads / s", "reads-%s.png");
    }

    private void freshness() throws IOException {
        List<FreshnessResult> results = report.freshness();
        if (results.isEmpty()) {
            return;
        }
        md.append("## Freshness lag (commit to new value served)\n\n![freshness](freshness.png)\n\n")
                .append("| condition | gateway | samples | p50 ms | p99 ms | max ms | not seen within 5 s"
                        + " | poll interval ms |\n|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (FreshnessResult f : results) {
            md.append(String.format(Locale.ROOT, "| %s | %s | %d | %s | %s | %s | %d | %s |%n", f.condition(),
                    f.gateway(), f.samples(), ms(f.p50()), ms(f.p99()), ms(f.max()), f.unseen(), ms(f.pollMs())));
        }
        md.append('\n');
        Function<Function<FreshnessResult, Double>, List<Double>> values = f -> results.stream().map(f)
                .map(d -> d.isNaN() ? null : d).toList();
        Charts.write("Freshness: commit to new value on each gateway", "ms", false,
                results.stream().map(f -> f.condition() + ", " + f.gateway()).toList(),
                List.of(new Charts.Series("p50", Charts.BLUE, values.apply(FreshnessResult::p50), null),
                        new Charts.Series("p99", Charts.light(Charts.BLUE), values.apply(FreshnessResult::p99), null)),
                dir.resolve("freshness.png"));
    }

    private void lock() {
        List<Integer> clients = Measurement.clientCounts(all, "lock");
        if (clients.isEmpty()) {
            return;
        }
        md.append("## Per-user lock (Redisson tryLock + unlock)\n\n")
                .append("| clients | cycles/s | p50 ms | p99 ms |\n|---:|---:|---:|---:|\n");
        for (int c : clients) {
            Measurement m = Measurement.find(all, "lock", "tryLock+unlock", c).orElseThrow();
            md.append(String.format(Locale.ROOT, "| %d | %s (%s-%s) | %.2f | %.2f |%n", c, number(m.throughput()),
                    number(m.throughputMin()), number(m.throughputMax()), m.p50(), m.p99()));
        }
        Optional<Measurement> single = Measurement.find(all, "lock", "tryLock+unlock", 1);
        String shares = Stream.of("XA", "TCC").flatMap(mode -> single.flatMap(lock ->
                Measurement.find(all, "orders spread", mode, 1).map(order -> String.format(Locale.ROOT,
                        "%.1f %% of a %s order's p50 (%.1f ms)", 100 * lock.p50() / order.p50(), mode, order.p50())))
                .stream()).collect(Collectors.joining(", and "));
        if (!shares.isEmpty()) {
            md.append("\nAt 1 client the lock's p50 is ").append(shares).append(", spread shape.\n");
        }
        md.append('\n');
    }

    private void generator() {
        // In the lock runs this JVM is the Redisson client being measured, not a load generator: counted apart.
        List<Measurement> measured = all.stream().filter(m -> !m.group().equals("lock")).toList();
        if (measured.isEmpty()) {
            return;
        }
        List<RunResult> runs = measured.stream().flatMap(m -> m.runs().stream()).toList();
        RunResult busiest = runs.stream().max(Comparator.comparingDouble(RunResult::generatorCpu)).orElseThrow();
        Measurement where = measured.stream().filter(m -> m.runs().contains(busiest)).findFirst().orElseThrow();
        md.append("## The load generator\n\n").append(String.format(Locale.ROOT, "Its CPU share (process CPU time"
                        + " / wall time / %d cores): mean %.1f %% over all %d measured runs, at most %.1f %% (%s, %s,"
                        + " %d clients). The machine was %.0f %% busy on average during the runs (/proc/stat).%n%n",
                report.machine().cores(), runs.stream().mapToDouble(RunResult::generatorCpu).average().orElseThrow()
                        * 100, runs.size(), busiest.generatorCpu() * 100, where.group(), where.variant(),
                where.clients(), runs.stream().mapToDouble(RunResult::machineCpu).filter(d -> !Double.isNaN(d))
                        .average().orElse(Double.NaN) * 100));
        all.stream().filter(m -> m.group().equals("lock")).mapToDouble(Measurement::generatorCpuMax).max()
                .ifPresent(cpu -> md.append(String.format(Locale.ROOT, "Not counted above: the per-user lock runs,"
                        + " where this JVM is the Redisson client being measured (up to %.1f %% CPU).%n%n", cpu * 100)));
    }

    private static String label(String variant) {
        return variant.equals("BASELINE") || variant.equals("CONSTANT") ? variant.toLowerCase(Locale.ROOT) : variant;
    }

    private static String number(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, v >= 100 ? "%.0f" : "%.1f", v);
    }

    private static String ms(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, v >= 100 ? "%.0f" : v >= 10 ? "%.1f" : "%.2f", v);
    }

    private static String describe(Map<String, Long> outcomes) {
        return outcomes.entrySet().stream().map(e -> e.getValue() + " x " + e.getKey())
                .collect(Collectors.joining(", "));
    }
}
