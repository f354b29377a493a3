package org.shopsuite.stack;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The parts of the suite in start order. Parts of one wave start together; a wave starts once the previous one is
 * healthy. {@code down} stops them in reverse.
 */
public final class Stack {

    private final StackSettings settings;
    private final List<List<Part>> waves;

    private Stack(StackSettings settings, List<List<Part>> waves) {
        this.settings = settings;
        this.waves = waves;
    }

    /** The infrastructure: MySQL, Redis with its sentinels, the Seata coordinator and the Canal server. */
    public static Stack infrastructure(StackSettings settings) {
        return new Stack(settings, infrastructureWaves(settings));
    }

    /** Everything {@code ./stack up} runs. */
    public static Stack suite(StackSettings settings) {
        return suite(settings, Map.of());
    }

    /** The whole suite, with extra environment for every service (tests switch on fault injection this way). */
    public static Stack suite(StackSettings settings, Map<String, String> serviceEnvironment) {
        List<List<Part>> waves = new ArrayList<>(infrastructureWaves(settings));
        // The development issuer, before the services that check its tokens.
        waves.add(List.of(new ServicePart(settings, DevIssuer.MODULE, DevIssuer.MODULE, settings.authPort(), Map.of())));
        // The suite's services, after the infrastructure they need. Participants first: order-service calls them.
        waves.add(List.of(
                new ServicePart(settings, "account-service", "account-service", settings.accountPort(), serviceEnvironment),
                new ServicePart(settings, "inventory-service", "inventory-service", settings.inventoryPort(), serviceEnvironment)));
        List<Part> orderInstances = new ArrayList<>();
        for (int i = 0; i < settings.orderPorts().size(); i++) {
            orderInstances.add(new ServicePart(settings, "order-service-" + (i + 1), "order-service",
                    settings.orderPorts().get(i), serviceEnvironment));
        }
        waves.add(orderInstances);
        waves.add(List.of(new ServicePart(settings, "canal-sync", "canal-sync", settings.canalSyncPort(),
                serviceEnvironment)));
        List<Part> gateways = new ArrayList<>();
        for (int i = 0; i < settings.gatewayPorts().size(); i++) {
            gateways.add(new ServicePart(settings, "cache-gateway-" + (i + 1), "cache-gateway",
                    settings.gatewayPorts().get(i), serviceEnvironment));
        }
        waves.add(gateways);
        return new Stack(settings, waves);
    }

    /**
     * The benchmark's baseline-service (one local transaction on one database; BENCHMARKS.md), apart from the suite:
     * {@code ./stack bench} starts and stops it, {@code up} never does. Port {@code SHOP_BASELINE_PORT}, default 8086.
     */
    public static Stack benchmark(StackSettings settings, Map<String, String> env) {
        int port = Integer.parseInt(env.getOrDefault("SHOP_BASELINE_PORT", "8086").trim());
        return new Stack(settings, List.of(List.of(
                new ServicePart(settings, "baseline-service", "baseline-service", port, Map.of()))));
    }

    private static List<List<Part>> infrastructureWaves(StackSettings settings) {
        List<Part> storage = new ArrayList<>();
        storage.add(new MySqlPart(settings));
        storage.add(new RedisPart(settings, 0));
        storage.add(new SeataPart(settings));
        List<Part> followers = new ArrayList<>();
        followers.add(new RedisPart(settings, 1));
        followers.add(new RedisPart(settings, 2));
        followers.add(new CanalPart(settings));
        List<Part> sentinels = new ArrayList<>();
        for (int i = 0; i < settings.sentinelPorts().size(); i++) {
            sentinels.add(new SentinelPart(settings, i));
        }
        return List.of(storage, followers, sentinels);
    }

    public StackSettings settings() {
        return settings;
    }

    public List<Part> parts() {
        return waves.stream().flatMap(List::stream).toList();
    }

    public Optional<Part> part(String name) {
        return parts().stream().filter(p -> p.name().equals(name)).findFirst();
    }

    public <T extends Part> List<T> parts(Class<T> type) {
        return parts().stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** Starts what is not running and waits for every part's health. Throws {@link StartFailure} naming the part. */
    public void up(PrintStream out) {
        for (List<Part> wave : waves) {
            List<Part> starting = new ArrayList<>();
            long waveBegin = System.nanoTime();
            for (Part part : wave) {
                if (part.running().isPresent()) {
                    continue;
                }
                if (Probes.listening(settings.host(), part.port())) {
                    throw new StartFailure(part, "port " + part.port() + " is taken by a process ./stack did not"
                            + " start; free it, or move this part with its SHOP_* port variable (see README)");
                }
                try {
                    part.start();
                } catch (IOException | RuntimeException e) {
                    throw new StartFailure(part, describe(e));
                }
                starting.add(part);
            }
            for (Part part : wave) {
                awaitHealthy(part, starting.contains(part), waveBegin, out);
            }
        }
    }

    private void awaitHealthy(Part part, boolean started, long begin, PrintStream out) {
        long deadline = begin + part.startTimeout().toNanos();
        long nextReport = System.nanoTime() + 1_000_000_000L;
        while (!part.isHealthy()) {
            long now = System.nanoTime();
            if (part.running().isEmpty()) {
                throw new StartFailure(part, "the process exited during start-up");
            }
            if (now > deadline) {
                throw new StartFailure(part, "not healthy after " + part.startTimeout().toSeconds() + " s");
            }
            if (now >= nextReport) {
                out.printf("  waiting for %-16s (port %d) %5.1f s%n", part.name(), part.port(), (now - begin) / 1e9);
                nextReport = now + 5_000_000_000L;
            }
            sleep(100);
        }
        try {
            part.afterHealthy();
        } catch (IOException | RuntimeException e) {
            throw new StartFailure(part, describe(e));
        }
        if (started) {
            out.printf("  %-16s healthy on port %d in %.1f s%n", part.name(), part.port(), (System.nanoTime() - begin) / 1e9);
        } else {
            out.printf("  %-16s already up on port %d%n", part.name(), part.port());
        }
    }

    /** Stops every part this stack started, last wave first. */
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
