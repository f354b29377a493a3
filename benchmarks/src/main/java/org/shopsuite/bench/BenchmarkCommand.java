package org.shopsuite.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.shopsuite.bench.http.HttpConnection;
import org.shopsuite.bench.http.HttpResponse;
import org.shopsuite.bench.load.LoadRunner;
import org.shopsuite.bench.load.RunResult;
import org.shopsuite.bench.report.BenchReport;
import org.shopsuite.bench.report.CsvWriter;
import org.shopsuite.bench.report.FreshnessResult;
import org.shopsuite.bench.report.Machine;
import org.shopsuite.bench.report.MarkdownReport;
import org.shopsuite.bench.report.Measurement;
import org.shopsuite.bench.run.BenchOptions;
import org.shopsuite.bench.run.Progress;
import org.shopsuite.bench.http.ClientCost;
import org.shopsuite.bench.scenario.CachedReads;
import org.shopsuite.bench.scenario.FreshnessBenchmark;
import org.shopsuite.bench.scenario.LockCostBenchmark;
import org.shopsuite.bench.scenario.OrderBenchmark;
import org.shopsuite.bench.scenario.OrderWorkload;
import org.shopsuite.bench.setup.BenchData;
import org.shopsuite.bench.setup.BenchTokens;
import org.shopsuite.bench.setup.RedisAccess;
import org.shopsuite.stack.DatabaseUser;
import org.shopsuite.stack.Stack;
import org.shopsuite.stack.StackSecret;
import org.shopsuite.stack.StackSettings;

/**
 * {@code ./stack bench [options]}: checks the running stack, prepares the bench rows, starts the baseline-service,
 * runs the scenarios (orders, cached reads, freshness, per-user lock) and writes report.md, results.csv and the plots
 * under {@code .stack/bench/<timestamp>/}. See BENCHMARKS.md for what is measured and how.
 */
public final class BenchmarkCommand {

    private final StackSettings settings;
    private final Map<String, String> env;
    private final BenchOptions options;
    private final Target target;
    private final BenchTokens tokens;
    private final PrintStream out = System.out;
    private final Progress progress = new Progress(System.out);
    private final List<Measurement> measurements = new ArrayList<>();
    private final List<FreshnessResult> freshness = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    private BenchmarkCommand(StackSettings settings, Map<String, String> env, BenchOptions options) {
        this.settings = settings;
        this.env = env;
        this.options = options;
        this.target = Target.of(settings, env);
        this.tokens = new BenchTokens(settings);
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("java.awt.headless", "true");
        Map<String, String> env = System.getenv();
        StackSettings settings = StackSettings.fromEnvironment(StackSettings.findProjectRoot(), env);
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").format(Instant.now().atZone(ZoneOffset.UTC));
        BenchOptions options;
        try {
            options = BenchOptions.parse(args, settings.stackDir().resolve("bench").resolve(stamp));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        String command = ("./stack bench " + String.join(" ", args)).trim();
        try {
            BenchmarkCommand bench = new BenchmarkCommand(settings, env, options);
            if (options.clientCost()) {
                bench.clientCost();
            } else {
                bench.run(command);
            }
        } catch (NotReady e) {
            System.err.println("FAILED: " + e.getMessage());
            System.exit(1);
        }
        System.exit(0);
    }

    private void run(String command) throws Exception {
        Instant started = Instant.now();
        Files.createDirectories(options.out());
        out.println("benchmarking the stack in " + settings.stackDir() + "; report in " + options.out());
        boolean gatewaysUp = target.gateways().stream().allMatch(BenchmarkCommand::healthy);
        checkSuite(gatewaysUp);

        Machine machine;
        try (BenchData data = connect()) {
            machine = Machine.describe(data.serverVersion());
            prepare(data);
            Stack baseline = Stack.benchmark(settings, env);
            Thread stopOnExit = new Thread(() -> baseline.down(new PrintStream(PrintStream.nullOutputStream())));
            Runtime.getRuntime().addShutdownHook(stopOnExit);
            try (RedisAccess redis = new RedisAccess(target.sentinels(), target.sentinelMaster(),
                    StackSecret.REDIS_PASSWORD.value(settings))) {
                measure(data, redis, baseline, gatewaysUp);
            } finally {
                baseline.down(out);
                Runtime.getRuntime().removeShutdownHook(stopOnExit);
            }
        }
        if (!gatewaysUp && (options.runs("reads") || options.runs("freshness"))) {
            notes.add("The cache gateways (" + target.gateways() + ") were not up: cached reads and freshness were"
                    + " not measured.");
        }

        BenchReport report = new BenchReport(command, options.quick(), started,
                Duration.between(started, Instant.now()), machine, describeSettings(), measurements,
                freshness, notes);
        String markdown = MarkdownReport.write(report, options.out());
        CsvWriter.write(report, options.out().resolve("results.csv"));
        out.println();
        out.println(markdown);
        out.println("report: " + options.out().resolve("report.md") + " (plots and results.csv beside it)");
    }

    private void measure(BenchData data, RedisAccess redis, Stack baseline, boolean gatewaysUp) throws Exception {
        if (options.runs("orders")) {
            startBaseline(baseline);
        }
        prewarm(gatewaysUp);
        if (options.runs("orders")) {
            measurements.addAll(new OrderBenchmark(target.orderServices(), target.baseline(),
                    settings.pidFile("any").getParent(), options, progress, tokens).run());
        }
        if (options.runs("reads") && gatewaysUp) {
            measurements.addAll(new CachedReads(target.gateways(), options, progress, redis, tokens).run());
        }
        if (options.runs("freshness") && gatewaysUp) {
            FreshnessBenchmark probe = new FreshnessBenchmark(target.gateways(), target.orderServices(), options,
                    progress, data, tokens);
            freshness.addAll(probe.run());
            notes.addAll(probe.notes());
        }
        if (options.runs("lock")) {
            measurements.addAll(new LockCostBenchmark(redis.client(), options, progress).run());
        }
    }

    /**
     * Load before anything is measured. The JIT compiles a method fully after ~10,000 calls, and most of an order's
     * code runs once per order: at 40-70 orders/s that takes minutes, and until then a freshly started suite spends
     * up to 2x the CPU per order it spends later (BENCHMARKS.md). Without this, the scenarios would measure the
     * compiler. Mixed XA/TCC orders, spread then hot, the baseline, and
     * product reads on the gateways beside them.
     */
    private void prewarm(boolean gatewaysUp) throws InterruptedException {
        Duration total = options.prewarm();
        if (total.isZero() || total.isNegative()) {
            return;
        }
        boolean orders = options.runs("orders") || options.runs("freshness");
        boolean reads = gatewaysUp && (options.runs("reads") || options.runs("freshness"));
        LoadRunner.Background readLoad = reads
                ? LoadRunner.background(CachedReads.warmupReads(target.gateways()), 4) : null;
        List<String> done = new ArrayList<>();
        try {
            if (orders) {
                boolean baseline = options.runs("orders");
                Duration shapeRun = total.multipliedBy(baseline ? 2 : 1).dividedBy(baseline ? 5 : 2);
                for (OrderWorkload.Shape shape : OrderWorkload.Shape.values()) {
                    RunResult run = LoadRunner.run(OrderWorkload.mixed(target.orderServices(), shape, tokens), 16, shapeRun);
                    done.add(String.format("%s orders %.0f/s", shape.name().toLowerCase(java.util.Locale.ROOT),
                            run.throughput()));
                    progress.note("pre-warm: " + done.get(done.size() - 1));
                }
                if (baseline) {
                    RunResult run = LoadRunner.run(new OrderWorkload(List.of(target.baseline()),
                            OrderWorkload.Mode.BASELINE, OrderWorkload.Shape.SPREAD, tokens), 16, total.dividedBy(5));
                    done.add(String.format("baseline %.0f/s", run.throughput()));
                    progress.note("pre-warm: " + done.get(done.size() - 1));
                }
            } else {
                Thread.sleep(total.toMillis());
            }
        } finally {
            if (readLoad != null) {
                RunResult run = readLoad.stop();
                done.add(String.format("reads %.0f/s", run.throughput()));
            }
        }
        notes.add("Pre-warm before the measurements: " + total.toSeconds() + " s of load (" + String.join(", ", done)
                + "), so that the figures are those of JIT-compiled JVMs.");
    }

    /** {@code --client-cost}: the generator's CPU per request with its HTTP client and with the JDK's. */
    private void clientCost() throws java.io.IOException {
        if (target.gateways().isEmpty() || !CachedReads.constantEndpointServed(target.gateways())) {
            throw new NotReady("--client-cost reads GET " + CachedReads.CONSTANT_PATH + " on the first gateway: start"
                    + " the stack with SHOP_BENCH_ENABLED=true ./stack up");
        }
        URI url = target.gateways().get(0).resolve(CachedReads.CONSTANT_PATH);
        Files.createDirectories(options.out());
        String table = ClientCost.measure(url, options.readClients(), options.readRun(), options.repetitions(), out);
        Files.writeString(options.out().resolve("client-cost.md"), "GET " + url + ", " + options.readRun().toMillis()
                + " ms runs, " + options.repetitions() + " repetitions, load average " + Machine.currentLoadAverage()
                + "\n\n" + table);
        out.println();
        out.println(table);
        out.println("written to " + options.out().resolve("client-cost.md"));
    }

    private BenchData connect() {
        try {
            return new BenchData(target.mysqlUrl());
        } catch (java.sql.SQLException e) {
            throw new NotReady("cannot log in as root to MariaDB on port " + settings.mysqlPort() + " (" + e.getMessage()
                    + "): start the stack with ./stack up");
        }
    }

    /** The order services must place orders (not just report UP: a jar rebuilt under a running JVM fails requests). */
    private void checkSuite(boolean gatewaysUp) {
        for (URI service : target.orderServices()) {
            if (!healthy(service)) {
                throw new NotReady("order-service at " + service + " is not healthy: start the stack with ./stack up");
            }
        }
        if (!gatewaysUp) {
            out.println("  the cache gateways " + target.gateways() + " are not up: reads and freshness are skipped");
        } else if (options.runs("reads") && !CachedReads.constantEndpointServed(target.gateways())) {
            throw new NotReady("the gateways do not serve GET " + CachedReads.CONSTANT_PATH + ", the reads' ceiling"
                    + " (benchmark-only, off by default). Start them with it: ./stack down && SHOP_BENCH_ENABLED=true"
                    + " ./stack up; or leave the reads out: --only orders,freshness,lock");
        }
    }

    private void prepare(BenchData data) throws Exception {
        // bench_db is not among the schema every database gets (sql/*.sql): the benchmark adds it when it runs.
        if (data.ensureBenchSchema(settings.projectRoot().resolve("sql/bench/bench_db.sql"))) {
            progress.note("created bench_db and bench_svc from sql/bench/bench_db.sql");
        }
        // bench_db.sql creates bench_svc locked and without a password: baseline-service logs in with the stack's.
        data.execute(DatabaseUser.BENCH.unlockStatement(settings));
        int clients = options.orderClients().stream().max(Integer::compare).orElse(64);
        data.topUpOrderRows(OrderWorkload.FIRST_USER, OrderWorkload.users(Math.max(clients, 16)),
                OrderWorkload.FIRST_PRODUCT, OrderWorkload.SPREAD_PRODUCTS);
        // every bench user's token from the issuer now, so that no measured call waits for one
        tokens.fetch(OrderWorkload.FIRST_USER, OrderWorkload.users(Math.max(clients, 16)));
        progress.note("bearer tokens of " + OrderWorkload.users(Math.max(clients, 16)) + " bench users from the issuer"
                + " at " + settings.authIssuer());
        if (options.runs("reads")) {
            CachedReads.prepare(data);
        }
        if (options.runs("freshness")) {
            FreshnessBenchmark.prepare(data);
        }
        if (options.runs("orders") || options.runs("freshness")) {
            for (URI service : target.orderServices()) {
                for (OrderWorkload.Mode mode : List.of(OrderWorkload.Mode.XA, OrderWorkload.Mode.TCC)) {
                    expectOrderPlaced(service, mode.name());
                }
            }
        }
    }

    private void startBaseline(Stack baseline) {
        // Always a fresh process: the jar may have been rebuilt since a baseline left over from an interrupted run.
        baseline.down(out);
        try {
            baseline.up(out);
        } catch (Stack.StartFailure e) {
            throw new NotReady(e.getMessage());
        }
        expectOrderPlaced(target.baseline(), null);
    }

    private void expectOrderPlaced(URI server, String mode) {
        String body = "{\"userId\":" + OrderWorkload.FIRST_USER + ",\"productId\":" + OrderWorkload.FIRST_PRODUCT
                + ",\"quantity\":1" + (mode == null ? "" : ",\"mode\":\"" + mode + "\"") + "}";
        try (HttpConnection http = new HttpConnection(server)) {
            HttpResponse response = http.postJson("/api/orders", body, tokens.bearer(OrderWorkload.FIRST_USER));
            if (response.status() != 201) {
                throw new NotReady(server + " answered " + response.status() + " to a test order (" + body + "): "
                        + response.body() + "\nIf a service's jar was rebuilt under it, restart the stack:"
                        + " ./stack down && ./stack up");
            }
        } catch (IOException e) {
            throw new NotReady(server + " did not answer a test order: " + e);
        }
    }

    private static boolean healthy(URI server) {
        try (HttpConnection http = new HttpConnection(server)) {
            HttpResponse response = http.get("/actuator/health");
            return response.status() == 200 && response.body().contains("\"UP\"");
        } catch (IOException e) {
            return false;
        }
    }

    private String describeSettings() {
        List<String> parts = new ArrayList<>(List.of(options.repetitions() + " repetition(s)", "pre-warm "
                + seconds(options.prewarm()) + " s, then warm-up " + seconds(options.warmup()) + " s per mode/variant"));
        for (String group : BenchOptions.GROUPS) {
            if (options.runs(group)) {
                parts.add(switch (group) {
                    case "orders" -> "orders: " + seconds(options.orderRun()) + " s runs at " + options.orderClients()
                            + " clients";
                    case "reads" -> "reads: " + seconds(options.readRun()) + " s runs at " + options.readClients()
                            + " clients";
                    case "freshness" -> "freshness: " + options.freshnessSamples() + " samples per condition";
                    default -> "lock: " + seconds(options.readRun()) + " s runs at " + options.lockClients()
                            + " clients";
                });
            }
        }
        return String.join("; ", parts);
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? String.valueOf(d.toSeconds()) : String.valueOf(d.toMillis() / 1000.0);
    }

    /** The stack is not in a state to be measured; the message says what to do. */
    private static final class NotReady extends RuntimeException {
        NotReady(String message) {
            super(message);
        }
    }
}
