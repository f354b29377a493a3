package org.shopsuite.stack;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * The parts of the suite and what each needs running before it starts. {@code up} starts every part as soon as the
 * parts it needs are healthy, so independent parts start together and no core idles while one slow part holds up a
 * whole group; {@code down} stops them in reverse order.
 */
public final class Stack {

    private final StackSettings settings;
    /** Every part in its listing order (status, down in reverse), with the parts it needs healthy first. */
    private final Map<Part, List<Part>> needs;

    // Package-private for StackStartTest: a stack of stand-in parts.
    Stack(StackSettings settings, Map<Part, List<Part>> needs) {
        this.settings = settings;
        this.needs = needs;
    }

    /** The infrastructure: MySQL, Redis with its sentinels, the Seata coordinator and the Canal server. */
    public static Stack infrastructure(StackSettings settings) {
        return new Stack(settings, new Infrastructure(settings).needs);
    }

    /** Everything {@code ./stack up} runs. */
    public static Stack suite(StackSettings settings) {
        return suite(settings, Map.of());
    }

    /**
     * The whole suite, with extra environment for every service (tests switch on fault injection this way). The
     * services need only the stores they connect to at start: tokens are checked against the issuer's keys when the
     * first one arrives, and order-service calls the participants only per order.
     */
    public static Stack suite(StackSettings settings, Map<String, String> serviceEnvironment) {
        Infrastructure infra = new Infrastructure(settings);
        Map<Part, List<Part>> needs = infra.needs;
        List<Part> transactional = List.of(infra.mysql, infra.seata);
        // The services on an order's path may run the quick JIT in a benchmark too (StackSettings.forOrderPath).
        StackSettings orderPath = settings.forOrderPath();
        List<Part> participants = List.of(
                new ServicePart(orderPath, "account-service", "account-service", settings.accountPort(),
                        serviceEnvironment),
                new ServicePart(orderPath, "inventory-service", "inventory-service", settings.inventoryPort(),
                        serviceEnvironment));
        participants.forEach(participant -> needs.put(participant, transactional));
        // order-service also takes its per-user lock in Redis (Redisson, through the sentinels).
        List<Part> orders = new ArrayList<>(transactional);
        orders.addAll(infra.sentinels);
        for (int i = 0; i < settings.orderPorts().size(); i++) {
            Part order = new ServicePart(orderPath, "order-service-" + (i + 1), "order-service",
                    settings.orderPorts().get(i), serviceEnvironment);
            needs.put(order, orders);
        }
        List<Part> sync = new ArrayList<>(infra.sentinels);
        sync.add(infra.canal);
        needs.put(new ServicePart(settings, "canal-sync", "canal-sync", settings.canalSyncPort(), serviceEnvironment),
                sync);
        // A gateway is healthy once a service behind it is (its health reports them): it starts after the
        // participants, so it never waits for them against its own start timeout.
        List<Part> gatewayNeeds = new ArrayList<>(infra.sentinels);
        gatewayNeeds.addAll(participants);
        for (int i = 0; i < settings.gatewayPorts().size(); i++) {
            needs.put(new ServicePart(settings, "cache-gateway-" + (i + 1), "cache-gateway",
                    settings.gatewayPorts().get(i), serviceEnvironment), gatewayNeeds);
        }
        // The issuer needs nothing, and nothing needs it at start; listed last, it takes a JVM slot last.
        needs.put(new ServicePart(settings, DevIssuer.MODULE, DevIssuer.MODULE, settings.authPort(), Map.of()),
                List.of());
        return new Stack(settings, needs);
    }

    /**
     * The benchmark's baseline-service (one local transaction on one database; BENCHMARKS.md), apart from the suite:
     * {@code ./stack bench} starts and stops it, {@code up} never does. Port {@code SHOP_BASELINE_PORT}, default 8086.
     */
    public static Stack benchmark(StackSettings settings, Map<String, String> env) {
        int port = Integer.parseInt(env.getOrDefault("SHOP_BASELINE_PORT", "8086").trim());
        Map<Part, List<Part>> needs = new LinkedHashMap<>();
        // The full JIT whatever the suite runs: the ceiling the suite is compared with, at its fastest.
        needs.put(new ServicePart(settings.withFullJit(), "baseline-service", "baseline-service", port, Map.of()),
                List.of());
        return new Stack(settings, needs);
    }

    /** The infrastructure's parts and their order: replicas follow the master, sentinels watch all three. */
    private static final class Infrastructure {
        final Map<Part, List<Part>> needs = new LinkedHashMap<>();
        final Part mysql;
        final Part seata;
        final Part canal;
        final List<Part> sentinels = new ArrayList<>();

        Infrastructure(StackSettings settings) {
            mysql = add(new MySqlPart(settings));
            Part master = add(new RedisPart(settings, 0));
            seata = add(new SeataPart(settings));
            Part replica1 = add(new RedisPart(settings, 1), master);
            Part replica2 = add(new RedisPart(settings, 2), master);
            // Canal follows MySQL's binlog from the position it finds at its first start.
            canal = add(new CanalPart(settings), mysql);
            for (int i = 0; i < settings.sentinelPorts().size(); i++) {
                sentinels.add(add(new SentinelPart(settings, i), master, replica1, replica2));
            }
        }

        private Part add(Part part, Part... needed) {
            needs.put(part, List.of(needed));
            return part;
        }
    }

    public StackSettings settings() {
        return settings;
    }

    public List<Part> parts() {
        return List.copyOf(needs.keySet());
    }

    public Optional<Part> part(String name) {
        return parts().stream().filter(p -> p.name().equals(name)).findFirst();
    }

    public <T extends Part> List<T> parts(Class<T> type) {
        return parts().stream().filter(type::isInstance).map(type::cast).toList();
    }

    /**
     * Starts what is not running, each part once the parts it needs are healthy, and waits for every part's health.
     * Throws {@link StartFailure} naming the part; parts already up stay up.
     */
    public void up(PrintStream out) {
        long begin = System.nanoTime();
        new Start(out).run();
        out.printf("all parts healthy in %.1f s%n", (System.nanoTime() - begin) / 1e9);
        StartupCache.saveRecorded(out);
    }

    /** One {@code up}: which parts are starting, which are waiting for their health, which are healthy. */
    private final class Start {
        private final PrintStream out;
        private final long begin = System.nanoTime();
        private final ExecutorService starter = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "stack-start");
            thread.setDaemon(true);
            return thread;
        });
        private final Map<Part, Future<Long>> starting = new LinkedHashMap<>();
        /** Parts whose process runs, with when it started (for their start timeout) and whether this up started it. */
        private final Map<Part, Long> runningSince = new LinkedHashMap<>();
        private final Set<Part> startedHere = new HashSet<>();
        private final Set<Part> healthy = new HashSet<>();
        private long nextReport = System.nanoTime() + 5_000_000_000L;
        /**
         * JVM starts keep a core busy for seconds each: a few at a time finish sooner one by one than all at once,
         * and none is starved past a timeout (a database connection at start, say) while the total stays the same.
         */
        private final int jvmSlots = Runtime.getRuntime().availableProcessors();

        Start(PrintStream out) {
            this.out = out;
        }

        void run() {
            try {
                while (healthy.size() < needs.size()) {
                    startWhatIsReady();
                    collectStarts();
                    checkHealth();
                    if (healthy.size() < needs.size()) {
                        reportWaiting();
                        sleep(100);
                    }
                }
            } finally {
                // A failed up leaves the parts that are up running; a start cut short (a training) is abandoned.
                starter.shutdownNow();
            }
        }

        private void startWhatIsReady() {
            for (Map.Entry<Part, List<Part>> entry : needs.entrySet()) {
                Part part = entry.getKey();
                if (starting.containsKey(part) || runningSince.containsKey(part) || !healthy.containsAll(entry.getValue())) {
                    continue;
                }
                if (part.startsAJvm() && !part.running().isPresent() && jvmsStarting() >= jvmSlots) {
                    continue;
                }
                if (part.running().isPresent()) {
                    runningSince.put(part, System.nanoTime());
                    continue;
                }
                if (Probes.listening(settings.host(), part.port())) {
                    throw new StartFailure(part, "port " + part.port() + " is taken by a process ./stack did not"
                            + " start; free it, or move this part with its SHOP_* port variable (see README)");
                }
                part.reportTo(line -> out.println("  " + line));
                startedHere.add(part);
                starting.put(part, starter.submit(() -> {
                    part.start();
                    return System.nanoTime();
                }));
            }
        }

        /** JVM parts this up started that are not healthy yet. */
        private long jvmsStarting() {
            return startedHere.stream().filter(p -> p.startsAJvm() && !healthy.contains(p)).count();
        }

        private void collectStarts() {
            for (Iterator<Map.Entry<Part, Future<Long>>> it = starting.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<Part, Future<Long>> entry = it.next();
                if (!entry.getValue().isDone()) {
                    continue;
                }
                it.remove();
                try {
                    runningSince.put(entry.getKey(), entry.getValue().get());
                } catch (ExecutionException e) {
                    Exception cause = e.getCause() instanceof Exception exception ? exception : e;
                    throw new StartFailure(entry.getKey(), describe(cause));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while starting " + entry.getKey().name(), e);
                }
            }
        }

        private void checkHealth() {
            for (Map.Entry<Part, Long> entry : runningSince.entrySet()) {
                Part part = entry.getKey();
                if (healthy.contains(part)) {
                    continue;
                }
                if (part.isHealthy()) {
                    try {
                        part.becameHealthy();
                    } catch (IOException | RuntimeException e) {
                        throw new StartFailure(part, describe(e));
                    }
                    healthy.add(part);
                    long now = System.nanoTime();
                    if (startedHere.contains(part)) {
                        out.printf("  %-17s healthy on port %-5d in %5.1f s  (%5.1f s into up)%n", part.name(),
                                part.port(), (now - entry.getValue()) / 1e9, (now - begin) / 1e9);
                    } else {
                        out.printf("  %-17s already up on port %d%n", part.name(), part.port());
                    }
                } else if (part.running().isEmpty()) {
                    throw new StartFailure(part, "the process exited during start-up");
                } else if (System.nanoTime() - entry.getValue() > part.startTimeout().toNanos()) {
                    throw new StartFailure(part, "not healthy after " + part.startTimeout().toSeconds() + " s");
                }
            }
        }

        private void reportWaiting() {
            long now = System.nanoTime();
            if (now < nextReport) {
                return;
            }
            nextReport = now + 5_000_000_000L;
            List<String> waiting = runningSince.keySet().stream().filter(p -> !healthy.contains(p)).map(Part::name)
                    .toList();
            List<String> preparing = starting.keySet().stream().map(Part::name).toList();
            out.printf("  %5.1f s: waiting for %s%s%n", (now - begin) / 1e9,
                    waiting.isEmpty() ? "-" : String.join(", ", waiting),
                    preparing.isEmpty() ? "" : "; preparing " + String.join(", ", preparing));
        }
    }

    /** Stops every part this stack started, in reverse listing order: the services before what they need. */
    public void down(PrintStream out) {
        List<Part> reversed = new ArrayList<>(parts());
        java.util.Collections.reverse(reversed);
        for (Part part : reversed) {
            if (part.stop()) {
                out.printf("  stopped %s%n", part.name());
            }
        }
    }

    /** {@code down}, then removes the stack directory, so the next {@code up} starts from {@code sql/} again. */
    public void reset(PrintStream out) throws IOException {
        down(out);
        Path dir = settings.stackDir();
        if (Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
        out.println("  wiped " + dir);
    }

    private static String describe(Exception e) {
        // Our own messages say what to do; a bare JDK exception (a path, say) needs its type to make sense.
        return e.getClass().getPackageName().startsWith("java.") && !(e.getClass() == IOException.class)
                ? e.toString() : e.getMessage();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting", e);
        }
    }

    /** A part that did not come up: what went wrong, where its log is, and the log's last lines. */
    public static final class StartFailure extends RuntimeException {
        private final transient Part part;

        StartFailure(Part part, String reason) {
            super(part.name() + " (port " + part.port() + ") did not start: " + reason
                    + "\nlast lines of " + part.logFile() + ":\n" + tail(part.logFile(), 30));
            this.part = part;
        }

        public Part part() {
            return part;
        }

        private static String tail(Path log, int lines) {
            try {
                List<String> all = Files.readAllLines(log);
                return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size())
                        .stream().map(line -> "  | " + line).toList());
            } catch (IOException e) {
                return "  | (no log yet)";
            }
        }
    }
}
