package org.shopsuite.bench.run;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What to run and for how long. The default is the full run (about 8-10 minutes on 2 cores); {@code --quick} keeps
 * every scenario and the 3 repetitions but shortens each run to prove the whole chain works in about 3 minutes.
 */
public record BenchOptions(
        boolean quick,
        boolean clientCost,
        Duration prewarm,
        Duration warmup,
        Duration orderRun,
        Duration readRun,
        int repetitions,
        List<Integer> orderClients,
        List<String> orderModes,
        List<String> orderShapes,
        List<Integer> readClients,
        List<Integer> lockClients,
        int freshnessSamples,
        Set<String> only,
        Path out) {

    public static final List<String> GROUPS = List.of("orders", "reads", "freshness", "lock");
    public static final List<String> ORDER_MODES = List.of("BASELINE", "XA", "TCC");
    public static final List<String> ORDER_SHAPES = List.of("SPREAD", "HOT");
    private static final Set<String> VALUED = Set.of("--prewarm", "--reps", "--seconds", "--read-seconds", "--warmup", "--clients",
            "--read-clients", "--freshness-samples", "--only", "--modes", "--shapes", "--out");

    static final String USAGE = """
            usage: ./stack bench [--quick] [--client-cost] [--prewarm S] [--reps N] [--seconds S]
                                 [--read-seconds S] [--warmup S] [--clients 1,4,16,64] [--read-clients 1,16,64]
                                 [--freshness-samples N] [--only orders,reads,freshness,lock]
                                 [--modes baseline,xa,tcc] [--shapes spread,hot] [--out DIR]
            Runs against a running ./stack up; writes report.md, results.csv and PNG plots to DIR
            (default .stack/bench/<timestamp>/). --client-cost measures only the generator's CPU per request
            with its HTTP client and with the JDK's (client-cost.md).""";

    public boolean runs(String group) {
        return only.contains(group);
    }

    public static BenchOptions parse(String[] args, Path defaultOut) {
        boolean quick = Arrays.asList(args).contains("--quick");
        boolean clientCost = Arrays.asList(args).contains("--client-cost");
        Duration prewarm = seconds(quick ? 30 : 240);
        Duration warmup = seconds(quick ? 1 : 3);
        Duration orderRun = seconds(quick ? 1 : 3);
        Duration readRun = seconds(quick ? 1 : 3);
        int reps = 3;
        List<Integer> orderClients = List.of(1, 4, 16, 64);
        List<String> orderModes = ORDER_MODES;
        List<String> orderShapes = ORDER_SHAPES;
        List<Integer> readClients = List.of(1, 16, 64);
        int freshness = quick ? 20 : 60;
        Set<String> only = new LinkedHashSet<>(GROUPS);
        Path out = defaultOut;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--quick") || arg.equals("--client-cost")) {
                continue;
            }
            if (!VALUED.contains(arg)) {
                throw new IllegalArgumentException("unknown option " + arg + "\n" + USAGE);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(arg + " needs a value\n" + USAGE);
            }
            String value = args[++i];
            switch (arg) {
                case "--prewarm" -> prewarm = seconds(Double.parseDouble(value));
                case "--reps" -> reps = Integer.parseInt(value);
                case "--seconds" -> orderRun = seconds(Double.parseDouble(value));
                case "--read-seconds" -> readRun = seconds(Double.parseDouble(value));
                case "--warmup" -> warmup = seconds(Double.parseDouble(value));
                case "--clients" -> orderClients = ints(value);
                case "--read-clients" -> readClients = ints(value);
                case "--freshness-samples" -> freshness = Integer.parseInt(value);
                case "--only" -> {
                    only = new LinkedHashSet<>(Arrays.asList(value.split(",")));
                    if (!GROUPS.containsAll(only)) {
                        throw new IllegalArgumentException("--only takes " + String.join(",", GROUPS) + "\n" + USAGE);
                    }
                }
                case "--modes" -> orderModes = subset(arg, value, ORDER_MODES);
                case "--shapes" -> orderShapes = subset(arg, value, ORDER_SHAPES);
                case "--out" -> out = Path.of(value).toAbsolutePath();
                default -> throw new IllegalStateException("option " + arg + " is listed but not handled");
            }
        }
        if (reps < 1) {
            throw new IllegalArgumentException("--reps must be at least 1");
        }
        return new BenchOptions(quick, clientCost, prewarm, warmup, orderRun, readRun, reps, orderClients, orderModes, orderShapes,
                readClients, List.of(1, 16), freshness, only, out);
    }

    /** A case-insensitive subset of {@code allowed}, kept in {@code allowed}'s order (the report's column order). */
    private static List<String> subset(String option, String csv, List<String> allowed) {
        Set<String> asked = new LinkedHashSet<>();
        for (String v : csv.split(",")) {
            String name = v.trim().toUpperCase(java.util.Locale.ROOT);
            if (!allowed.contains(name)) {
                throw new IllegalArgumentException(option + " takes " + String.join(",", allowed).toLowerCase(
                        java.util.Locale.ROOT) + ", not " + v.trim() + "\n" + USAGE);
            }
            asked.add(name);
        }
        return allowed.stream().filter(asked::contains).toList();
    }

    private static Duration seconds(double s) {
        return Duration.ofMillis(Math.round(s * 1000));
    }

    private static List<Integer> ints(String csv) {
        return Arrays.stream(csv.split(",")).map(String::trim).map(Integer::parseInt).toList();
    }
}
