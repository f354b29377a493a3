package org.shopsuite.bench.report;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.shopsuite.bench.load.ProcessCpu;
import org.shopsuite.bench.load.RunResult;

/**
 * The report as markdown (the shape BENCHMARKS.md keeps), plus the plots it links to. Ratios are this run's mean
 * throughput over the ceiling's mean throughput measured in the same run (orders: the baseline; reads: the
 * gateway's constant endpoint).
 */
public final class MarkdownReport {

    /** The columns of the order tables, ceiling first. */
    private static final List<String> ORDER_MODES = List.of("BASELINE", "XA", "TCC");
    private static final List<String> READ_VARIANTS = List.of("CONSTANT", "L1", "L2", "MISS");

    private final BenchReport report;
    private final List<Measurement> all;

    private MarkdownReport(BenchReport report) {
        this.report = report;
        this.all = report.measurements();
    }

    /** Writes report.md and the plots into {@code dir}; returns the markdown. */
    public static String write(BenchReport report, Path dir) throws IOException {
        MarkdownReport markdown = new MarkdownReport(report);
        String text = markdown.render();
        markdown.plots(dir);
        java.nio.file.Files.writeString(dir.resolve("report.md"), text);
        return text;
    }

    private String render() {
        StringBuilder md = new StringBuilder();
        Machine m = report.machine();
        md.append("# shopsuite benchmark: ").append(report.quick() ? "QUICK run" : "full run").append(", ")
                .append(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").format(report.started()
                        .atZone(ZoneOffset.UTC))).append("\n\n");
        if (report.quick()) {
            md.append("> A quick run: every scenario, but runs of about a second. It proves the chain works; its figures"
                    + " are rough.\n\n");
        }
        md.append("- Command: `").append(report.command()).append("` (took ").append(clock(report.took().toSeconds()))
                .append("); ").append(report.settings()).append("\n");
        md.append("- Machine: ").append(m.cpu()).append(", ").append(m.cores()).append(" cores, ").append(m.memory())
                .append(" RAM; ").append(m.os()).append("; ").append(m.jdk()).append("; ").append(m.database())
                .append("\n");
        md.append("- Load average when the run started: ").append(m.loadAverage()).append(" (1/5/15 min). The whole"
                + " stack and the load generator share these cores.\n\n");

        for (String shape : List.of("spread", "hot")) {
            orders("orders " + shape, md);
        }
        cpuPerOrder(md);
        reads(md);
        freshness(md);
        lock(md);
        generator(md);
        if (!report.notes().isEmpty()) {
            md.append("## Notes\n\n");
            report.notes().forEach(n -> md.append("- ").append(n).append('\n'));
            md.append('\n');
        }
        return md.toString();
    }

    private void orders(String group, StringBuilder md) {
        List<Integer> clients = Measurement.clientCounts(all, group);
        if (clients.isEmpty()) {
            return;
        }
        String shape = group.substring("orders ".length());
        md.append("## Orders, ").append(shape).append(shape.equals("hot")
                ? " (many users, all buying one product)\n\n" : " (many users, 1,000 products)\n\n");
        md.append("![throughput](orders-throughput-").append(shape).append(".png)\n")
                .append("![latency](orders-latency-").append(shape).append(".png)\n\n");
        md.append("| clients | baseline orders/s | XA orders/s | XA / baseline | TCC orders/s | TCC / baseline"
                + " | machine busy % (baseline / XA / TCC) |\n|---:|---:|---:|---:|---:|---:|---:|\n");
        for (int c : clients) {
            Optional<Measurement> base = Measurement.find(all, group, "BASELINE", c);
            md.append("| ").append(c);
            for (String mode : ORDER_MODES) {
                Optional<Measurement> cell = Measurement.find(all, group, mode, c);
                md.append(" | ").append(cell.map(MarkdownReport::throughput).orElse("-"));
                if (!mode.equals("BASELINE")) {
                    md.append(" | ").append(ratio(cell, base));
                }
            }
            md.append(" | ").append(machineBusy(group, ORDER_MODES, c)).append(" |\n");
        }
        md.append("\n| clients | baseline p50 / p99 ms | XA p50 / p99 ms | TCC p50 / p99 ms |\n|---:|---:|---:|---:|\n");
        for (int c : clients) {
            md.append("| ").append(c);
            for (String mode : ORDER_MODES) {
                md.append(" | ").append(Measurement.find(all, group, mode, c).map(MarkdownReport::latency).orElse("-"));
            }
            md.append(" |\n");
        }
        failures(group, md);
        md.append('\n');
    }

    /**
     * Where an order's CPU goes: per process group, at the client count closest to 16 (the targets' point). The
     * processes share the cores, so this split, not any one service's latency, says what a cut can save.
     */
    private void cpuPerOrder(StringBuilder md) {
        List<Measurement> rows = cpuRows();
        if (rows.isEmpty()) {
            return;
        }
        int cores = ProcessCpu.cores();
        List<String> shown = cpuGroups(rows);
        md.append("## CPU per order, by process\n\n![cpu per order](cpu-per-order.png)\n\n")
                .append("CPU milliseconds each group of processes spent per successful order (user + system time from"
                        + " `/proc/<pid>/stat`, over all repetitions): *order x2* both order-service instances, *Redis*"
                        + " the master, both replicas and the three sentinels, *Canal* the Canal server and canal-sync."
                        + " *machine* is the whole machine's busy time per"
                        + " order; *other* is what no listed process accounts for (the kernel's own threads, other"
                        + " programs).\n\n");
        md.append("| shape | mode | clients");
        shown.forEach(g -> md.append(" | ").append(g));
        md.append(" | other | machine |\n|---|---|---:");
        shown.forEach(g -> md.append("|---:"));
        md.append("|---:|---:|\n");
        for (Measurement m : rows) {
            md.append("| ").append(m.group().substring("orders ".length())).append(" | ").append(label(m.variant()))
                    .append(" | ").append(m.clients());
            double listed = 0;
            for (String g : shown) {
                double v = m.cpuMillisPerCall(g);
                listed += Double.isNaN(v) ? 0 : v;
                md.append(" | ").append(Double.isNaN(v) ? "-" : ms(v));
            }
            double machine = m.machineCpuMillisPerCall(cores);
            md.append(" | ").append(Double.isNaN(machine) ? "n/a" : ms(Math.max(0, machine - listed)))
                    .append(" | ").append(Double.isNaN(machine) ? "n/a" : ms(machine)).append(" |\n");
        }
        md.append('\n');
    }

    /** The order measurements with a CPU split, at the client count closest to 16, per shape and mode. */
    private List<Measurement> cpuRows() {
        List<String> groups = ProcessCpu.groupNames();
        List<Measurement> rows = new ArrayList<>();
        for (String shape : List.of("spread", "hot")) {
            String group = "orders " + shape;
            List<Integer> clients = Measurement.clientCounts(all, group);
            if (clients.isEmpty()) {
                continue;
            }
            int at = clients.stream().min(java.util.Comparator.comparingInt(c -> Math.abs(c - 16))).orElseThrow();
            for (String mode : ORDER_MODES) {
                Measurement.find(all, group, mode, at)
                        .filter(m -> groups.stream().anyMatch(g -> !Double.isNaN(m.cpuMillisPerCall(g))))
                        .ifPresent(rows::add);
            }
        }
        return rows;
    }

    /** The process groups that spent anything in these rows. */
    private static List<String> cpuGroups(List<Measurement> rows) {
        return ProcessCpu.groupNames().stream()
                .filter(g -> rows.stream().anyMatch(m -> m.cpuMillisPerCall(g) > 0)).toList();
    }

    private void reads(StringBuilder md) {
        List<Integer> clients = Measurement.clientCounts(all, "reads");
        if (clients.isEmpty()) {
            return;
        }
        md.append("## Cached reads at the gateway\n\n")
                .append("Clients alternate between the two gateway instances. `constant` is the gateway's"
                        + " `GET /bench/constant` (no cache, no lookup): the ceiling.\n\n")
                .append("![throughput](reads-throughput.png)\n![latency](reads-latency.png)\n\n");
        md.append("| clients | constant reads/s | L1 reads/s | L1 / constant | L2 reads/s | L2 / constant"
                + " | MISS reads/s | MISS / constant | machine busy % (const / L1 / L2 / MISS) |\n"
                + "|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (int c : clients) {
            Optional<Measurement> constant = Measurement.find(all, "reads", "CONSTANT", c);
            md.append("| ").append(c);
            for (String v : READ_VARIANTS) {
                Optional<Measurement> cell = Measurement.find(all, "reads", v, c);
                md.append(" | ").append(cell.map(MarkdownReport::throughput).orElse("-"));
                if (!v.equals("CONSTANT")) {
                    md.append(" | ").append(ratio(cell, constant));
                }
            }
            md.append(" | ").append(machineBusy("reads", READ_VARIANTS, c)).append(" |\n");
        }
        md.append("\n| clients | constant p50 / p99 ms | L1 p50 / p99 ms | L2 p50 / p99 ms | MISS p50 / p99 ms |\n"
                + "|---:|---:|---:|---:|---:|\n");
        for (int c : clients) {
            md.append("| ").append(c);
            for (String v : READ_VARIANTS) {
                md.append(" | ").append(Measurement.find(all, "reads", v, c).map(MarkdownReport::latency).orElse("-"));
            }
            md.append(" |\n");
        }
        md.append("\nAnswers that came from the intended level (`X-Cache`), all client counts together: ");
        List<String> purity = new ArrayList<>();
        for (String level : List.of("L1", "L2", "MISS")) {
            long calls = 0;
            long matching = 0;
            for (Measurement m : all) {
                if (m.group().equals("reads") && m.variant().equals(level)) {
                    calls += m.calls();
                    matching += m.outcomes().getOrDefault("200 " + level, 0L);
                }
            }
            if (calls > 0) {
                purity.add(String.format(Locale.ROOT, "%s %.1f %%", level, 100.0 * matching / calls));
            }
        }
        md.append(String.join(", ", purity)).append(".\n");
        for (String level : List.of("L1", "L2", "MISS")) {
            Map<String, Long> other = new java.util.TreeMap<>();
            all.stream().filter(m -> m.group().equals("reads") && m.variant().equals(level))
                    .forEach(m -> m.outcomes().forEach((label, n) -> {
                        if (!label.equals("200 " + level)) {
                            other.merge(label, n, Long::sum);
                        }
                    }));
            if (!other.isEmpty()) {
                md.append("The other ").append(level).append(" answers: ").append(describe(other)).append(".\n");
            }
        }
        md.append('\n');
    }

    private void freshness(StringBuilder md) {
        if (report.freshness().isEmpty()) {
            return;
        }
        md.append("## Freshness lag (commit to new value served)\n\n![freshness](freshness.png)\n\n")
                .append("| condition | gateway | samples | p50 ms | p99 ms | max ms | not seen within 5 s | poll interval ms |\n")
                .append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (FreshnessResult f : report.freshness()) {
            md.append(String.format(Locale.ROOT, "| %s | %s | %d | %s | %s | %s | %d | %s |%n", f.condition(),
                    f.gateway(), f.samples(), ms(f.p50()), ms(f.p99()), ms(f.max()), f.unseen(), ms(f.pollMs())));
        }
        md.append('\n');
    }

    private void lock(StringBuilder md) {
        List<Integer> clients = Measurement.clientCounts(all, "lock");
        if (clients.isEmpty()) {
            return;
        }
        md.append("## Per-user lock (Redisson tryLock + unlock)\n\n")
                .append("| clients | cycles/s | p50 ms | p99 ms |\n|---:|---:|---:|---:|\n");
        for (int c : clients) {
            Measurement m = Measurement.find(all, "lock", "tryLock+unlock", c).orElseThrow();
            md.append("| ").append(c).append(" | ").append(throughput(m)).append(" | ")
                    .append(String.format(Locale.ROOT, "%.2f | %.2f", m.p50(), m.p99())).append(" |\n");
        }
        Optional<Measurement> single = Measurement.find(all, "lock", "tryLock+unlock", 1);
        List<String> shares = new ArrayList<>();
        for (String mode : List.of("XA", "TCC")) {
            Optional<Measurement> order = Measurement.find(all, "orders spread", mode, 1);
            if (single.isPresent() && order.isPresent()) {
                shares.add(String.format(Locale.ROOT, "%.1f %% of a %s order's p50 (%.1f ms)",
                        100 * single.get().p50() / order.get().p50(), mode, order.get().p50()));
            }
        }
        if (!shares.isEmpty()) {
            md.append("\nAt 1 client the lock's p50 is ").append(String.join(", and ", shares))
                    .append(", spread shape.\n");
        }
        md.append('\n');
    }

    private void generator(StringBuilder md) {
        // In the lock runs this JVM is the Redisson client being measured, not a load generator: counted apart.
        List<RunResult> runs = all.stream().filter(m -> !m.group().equals("lock"))
                .flatMap(m -> m.runs().stream()).toList();
        if (runs.isEmpty()) {
            return;
        }
        RunResult busiest = runs.stream().max((a, b) -> Double.compare(a.generatorCpu(), b.generatorCpu())).orElseThrow();
        Measurement where = all.stream().filter(m -> m.runs().contains(busiest)).findFirst().orElseThrow();
        double mean = runs.stream().mapToDouble(RunResult::generatorCpu).average().orElse(Double.NaN);
        double machine = runs.stream().mapToDouble(RunResult::machineCpu).filter(d -> !Double.isNaN(d)).average()
                .orElse(Double.NaN);
        md.append("## The load generator\n\n")
                .append(String.format(Locale.ROOT, "Its CPU share (process CPU time / wall time / %d cores): mean"
                        + " %.1f %% over all %d measured runs, at most %.1f %% (%s, %s, %d clients). The machine was"
                        + " %.0f %% busy on average during the runs (/proc/stat).%n%n",
                        report.machine().cores(), mean * 100, runs.size(), busiest.generatorCpu() * 100, where.group(),
                        where.variant(), where.clients(), machine * 100));
        double lockCpu = all.stream().filter(m -> m.group().equals("lock")).mapToDouble(Measurement::generatorCpuMax)
                .max().orElse(Double.NaN);
        if (!Double.isNaN(lockCpu)) {
            md.append(String.format(Locale.ROOT, "Not counted above: the per-user lock runs, where this JVM is the"
                    + " Redisson client being measured (up to %.1f %% CPU).%n%n", lockCpu * 100));
        }
    }

    private void failures(String group, StringBuilder md) {
        List<String> lines = new ArrayList<>();
        for (Measurement m : all) {
            if (!m.group().equals(group)) {
                continue;
            }
            Map<String, Long> failed = m.failed();
            if (!failed.isEmpty()) {
                lines.add(String.format(Locale.ROOT, "%s at %d clients: %s of %d", label(m.variant()), m.clients(),
                        describe(failed), m.calls()));
            }
        }
        if (!lines.isEmpty()) {
            md.append("\nFailed calls (not in the figures above): ")
                    .append(String.join("; ", lines)).append(".\n");
        }
    }

    private void plots(Path dir) throws IOException {
        for (String shape : List.of("spread", "hot")) {
            String group = "orders " + shape;
            List<Integer> clients = Measurement.clientCounts(all, group);
            if (clients.isEmpty()) {
                continue;
            }
            List<PlotWriter.Series> throughput = new ArrayList<>();
            List<PlotWriter.Series> latency = new ArrayList<>();
            for (String mode : ORDER_MODES) {
                throughput.add(throughputSeries(group, mode, clients, orderColor(mode)));
                latency.add(latencySeries(group, mode, clients, orderColor(mode), false));
                latency.add(latencySeries(group, mode, clients, PlotWriter.light(orderColor(mode)), true));
            }
            List<String> groups = clients.stream().map(c -> c + (c == 1 ? " client" : " clients")).toList();
            PlotWriter.write(new PlotWriter.BarChart("Orders, " + shape + ": throughput (mean, whiskers min-max)",
                    "orders / s", groups, throughput, false), dir.resolve("orders-throughput-" + shape + ".png"));
            PlotWriter.write(new PlotWriter.BarChart("Orders, " + shape + ": latency p50 and p99", "ms", groups,
                    latency, true), dir.resolve("orders-latency-" + shape + ".png"));
        }
        List<Measurement> cpu = cpuRows();
        if (!cpu.isEmpty()) {
            List<String> groups = cpuGroups(cpu);
            List<PlotWriter.Series> series = new ArrayList<>();
            for (Measurement m : cpu) {
                Color color = orderColor(m.variant());
                if (m.group().endsWith("hot")) {
                    color = PlotWriter.light(color);
                }
                double[] values = groups.stream().mapToDouble(m::cpuMillisPerCall).toArray();
                series.add(new PlotWriter.Series(m.group().substring("orders ".length()) + " " + label(m.variant()),
                        color, values, null, null));
            }
            PlotWriter.write(new PlotWriter.BarChart("CPU per order by process (" + cpu.get(0).clients()
                    + " clients)", "CPU ms / order", groups, series, false), dir.resolve("cpu-per-order.png"));
        }
        List<Integer> readClients = Measurement.clientCounts(all, "reads");
        if (!readClients.isEmpty()) {
            List<PlotWriter.Series> throughput = new ArrayList<>();
            List<PlotWriter.Series> latency = new ArrayList<>();
            for (String v : READ_VARIANTS) {
                throughput.add(throughputSeries("reads", v, readClients, readColor(v)));
                latency.add(latencySeries("reads", v, readClients, readColor(v), false));
                latency.add(latencySeries("reads", v, readClients, PlotWriter.light(readColor(v)), true));
            }
            List<String> groups = readClients.stream().map(c -> c + (c == 1 ? " client" : " clients")).toList();
            PlotWriter.write(new PlotWriter.BarChart("Gateway reads: throughput (mean, whiskers min-max)", "reads / s",
                    groups, throughput, false), dir.resolve("reads-throughput.png"));
            PlotWriter.write(new PlotWriter.BarChart("Gateway reads: latency p50 and p99", "ms", groups, latency,
                    true), dir.resolve("reads-latency.png"));
        }
        if (!report.freshness().isEmpty()) {
            List<String> groups = report.freshness().stream().map(f -> f.condition() + ", " + f.gateway()).toList();
            double[] p50 = report.freshness().stream().mapToDouble(FreshnessResult::p50).toArray();
            double[] p99 = report.freshness().stream().mapToDouble(FreshnessResult::p99).toArray();
            PlotWriter.write(new PlotWriter.BarChart("Freshness: commit to new value on each gateway", "ms", groups,
                    List.of(new PlotWriter.Series("p50", PlotWriter.BLUE, p50, null, null),
                            new PlotWriter.Series("p99", PlotWriter.light(PlotWriter.BLUE), p99, null, null)), false),
                    dir.resolve("freshness.png"));
        }
    }

    private PlotWriter.Series throughputSeries(String group, String variant, List<Integer> clients, java.awt.Color c) {
        double[] mean = new double[clients.size()];
        double[] low = new double[clients.size()];
        double[] high = new double[clients.size()];
        for (int i = 0; i < clients.size(); i++) {
            Optional<Measurement> m = Measurement.find(all, group, variant, clients.get(i));
            mean[i] = m.map(Measurement::throughput).orElse(Double.NaN);
            low[i] = m.map(Measurement::throughputMin).orElse(Double.NaN);
            high[i] = m.map(Measurement::throughputMax).orElse(Double.NaN);
        }
        return new PlotWriter.Series(label(variant), c, mean, low, high);
    }

    private PlotWriter.Series latencySeries(String group, String variant, List<Integer> clients, java.awt.Color c,
                                            boolean p99) {
        double[] values = new double[clients.size()];
        double[] low = p99 ? new double[clients.size()] : null;
        double[] high = p99 ? new double[clients.size()] : null;
        for (int i = 0; i < clients.size(); i++) {
            Optional<Measurement> m = Measurement.find(all, group, variant, clients.get(i));
            values[i] = m.map(p99 ? Measurement::p99 : Measurement::p50).orElse(Double.NaN);
            if (p99) {
                low[i] = m.map(Measurement::p99Min).orElse(Double.NaN);
                high[i] = m.map(Measurement::p99Max).orElse(Double.NaN);
            }
        }
        return new PlotWriter.Series(label(variant) + (p99 ? " p99" : " p50"), c, values, low, high);
    }

    private static java.awt.Color orderColor(String mode) {
        return switch (mode) {
            case "BASELINE" -> PlotWriter.GREY;
            case "XA" -> PlotWriter.BLUE;
            default -> PlotWriter.ORANGE;
        };
    }

    private static java.awt.Color readColor(String variant) {
        return switch (variant) {
            case "CONSTANT" -> PlotWriter.GREY;
            case "L1" -> PlotWriter.GREEN;
            case "L2" -> PlotWriter.BLUE;
            default -> PlotWriter.RED;
        };
    }

    private static String label(String variant) {
        return switch (variant) {
            case "BASELINE" -> "baseline";
            case "CONSTANT" -> "constant";
            default -> variant;
        };
    }

    /** How busy the whole machine was during each variant's runs: near 100 % means CPU-bound. */
    private String machineBusy(String group, List<String> variants, int clients) {
        return variants.stream().map(v -> Measurement.find(all, group, v, clients)
                        .map(m -> Double.isNaN(m.machineCpu()) ? "?" : String.format(Locale.ROOT, "%.0f", m.machineCpu() * 100))
                        .orElse("-"))
                .collect(Collectors.joining(" / "));
    }

    /** Mean throughput with the repetitions' min-max. */
    private static String throughput(Measurement m) {
        return String.format(Locale.ROOT, "%s (%s-%s)", number(m.throughput()), number(m.throughputMin()),
                number(m.throughputMax()));
    }

    /** The median repetition's p50 and p99, with the p99's min-max over repetitions. */
    private static String latency(Measurement m) {
        return String.format(Locale.ROOT, "%s / %s (%s-%s)", ms(m.p50()), ms(m.p99()), ms(m.p99Min()), ms(m.p99Max()));
    }

    private static String ratio(Optional<Measurement> cell, Optional<Measurement> ceiling) {
        if (cell.isEmpty() || ceiling.isEmpty() || !(ceiling.get().throughput() > 0)) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "%.2f", cell.get().throughput() / ceiling.get().throughput());
    }

    private static String number(double v) {
        return Double.isNaN(v) ? "n/a" : v >= 100 ? String.format(Locale.ROOT, "%.0f", v)
                : String.format(Locale.ROOT, "%.1f", v);
    }

    private static String ms(double v) {
        return Double.isNaN(v) ? "n/a" : v >= 100 ? String.format(Locale.ROOT, "%.0f", v)
                : v >= 10 ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%.2f", v);
    }

    private static String describe(Map<String, Long> outcomes) {
        return outcomes.entrySet().stream().map(e -> e.getValue() + " x " + e.getKey())
                .collect(Collectors.joining(", "));
    }

    private static String clock(long seconds) {
        return String.format("%d:%02d", seconds / 60, seconds % 60);
    }
}
