package org.shopsuite.testfixtures;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.shopsuite.stack.CanalPart;
import org.shopsuite.stack.DevIssuer;
import org.shopsuite.stack.MySqlPart;
import org.shopsuite.stack.Part;
import org.shopsuite.stack.RedisPart;
import org.shopsuite.stack.SeataPart;
import org.shopsuite.stack.SentinelPart;
import org.shopsuite.stack.ServicePart;
import org.shopsuite.stack.Stack;
import org.shopsuite.stack.StackSecret;
import org.shopsuite.stack.StackSettings;

/**
 * The infrastructure for integration tests: MariaDB, Redis master + 2 replicas + 3 sentinels, the Seata coordinator
 * and the Canal server, on free ports in a private directory, so a test run works beside a running stack. One per
 * test JVM, removed when the JVM exits; what a killed JVM left behind is removed by the next run.
 *
 * <p>Where a Docker engine answers and has the suite's images, the infrastructure runs as containers of those images
 * (the recipes compose uses); elsewhere it runs natively, from this machine's binaries, as {@code ./stack} runs it.
 * {@value #MODE_VARIABLE} ({@code auto}, {@code containers}, {@code native}) chooses; {@code SHOP_REQUIRE_DOCKER=true}
 * (CI) makes the containers mandatory. Either way the parts are the same {@link Part}s on the same ports, so every
 * test (killing a Redis master, stopping the coordinator) runs unchanged on both. The services under test stay JVM
 * processes started from their jars: the tests start, stop and kill them one by one, switch on fault injection and
 * read their logs, and the compose end-to-end test covers the services' own images.
 */
public final class TestInfrastructure {

    static final Path TEMP = Path.of(System.getProperty("java.io.tmpdir"));
    static final String DIR_PREFIX = "shopsuite-it-";
    static final String MODE_VARIABLE = "SHOP_TEST_INFRASTRUCTURE";
    /** How often the services started here fetch the issuer's keys again (production: every 5 min). */
    public static final Duration ISSUER_KEYS_REFRESH = Duration.ofSeconds(3);
    private static TestInfrastructure shared;

    /**
     * Services started by tests may be sent injected faults (see service-support's FaultInjection). A user's order
     * bucket at the gateways refills slowly (one every 10 s after the burst of 20), so that what a rate-limit test sees
     * does not depend on how fast the machine answers. The issuer's keys are refreshed every 3 s (production: 5 min), so
     * that an issuer outage test outlasts several refreshes in test time.
     */
    private static final Map<String, String> TEST_SERVICE_ENVIRONMENT = Map.of("SHOP_FAULTINJECTION_ENABLED", "true",
            "SHOP_RATE_LIMIT_USER_PER_SECOND", "0.1",
            "SHOP_AUTH_JWKS_REFRESH_INTERVAL", TestInfrastructure.ISSUER_KEYS_REFRESH.toSeconds() + "s");

    private final Stack infrastructure;
    private final Stack suite;
    private final ContainerEngine containers;
    private boolean suiteStarted;

    private TestInfrastructure(Stack infrastructure, Stack suite, ContainerEngine containers) {
        this.infrastructure = infrastructure;
        this.suite = suite;
        this.containers = containers;
        if (containers != null) {
            // The suite's Stack has its own Part objects for the same parts: both must drive the same containers.
            for (Stack stack : List.of(infrastructure, suite)) {
                for (Part part : stack.parts()) {
                    part.containerRecipe().ifPresent(recipe ->
                            part.runIn(containers.containerFor(part, recipe, part.logFile())));
                }
            }
        }
    }

    /** Starts MySQL, Redis + sentinels, the coordinator and the Canal server once per JVM. */
    public static synchronized TestInfrastructure shared() {
        if (shared == null) {
            cleanUpAbandonedRuns();
            try {
                Path dir = Files.createTempDirectory(TEMP, DIR_PREFIX);
                Files.writeString(dir.resolve("owner.pid"), String.valueOf(ProcessHandle.current().pid()));
                StackSettings settings = StackSettings.onFreePorts(StackSettings.findProjectRoot(), dir);
                Stack infrastructure = Stack.infrastructure(settings);
                ContainerEngine containers = inContainers(infrastructure.parts()) ? ContainerEngine.forThisJvm() : null;
                TestInfrastructure infra = new TestInfrastructure(infrastructure,
                        Stack.suite(settings, TEST_SERVICE_ENVIRONMENT), containers);
                Runtime.getRuntime().addShutdownHook(new Thread(infra::tearDown, "test-infrastructure-stop"));
                infra.start(infra.infrastructure, "infrastructure" + (containers != null ? " (containers)" : " (native)"));
                shared = infra;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return shared;
    }

    /**
     * Containers or native processes: containers where an engine with the images answers, unless told otherwise.
     * Never a silent skip: a run that can do neither fails and says how to get either.
     */
    static boolean inContainers(List<Part> parts) {
        String mode = System.getenv().getOrDefault(MODE_VARIABLE, "auto").trim().toLowerCase(java.util.Locale.ROOT);
        boolean required = mode.equals("containers") || "true".equals(System.getenv("SHOP_REQUIRE_DOCKER"));
        if (!List.of("auto", "containers", "native").contains(mode)) {
            throw new IllegalStateException(MODE_VARIABLE + "=" + mode + ": use auto, containers or native");
        }
        List<String> missingBinaries = Stream.of("mariadbd", "mariadb-install-db", "mariadb", "redis-server")
                .filter(binary -> !onPath(binary)).toList();
        String noBinaries = missingBinaries + " are not on the PATH (" + System.getenv("PATH") + "): install the Debian"
                + " packages mariadb-server, mariadb-client and redis-server (.ci/run does, and puts /usr/sbin on the PATH)";
        if (mode.equals("native")) {
            if (!missingBinaries.isEmpty()) {
                throw new IllegalStateException(MODE_VARIABLE + "=native, but " + noBinaries);
            }
            return false;
        }
        Optional<String> noContainers = ContainerEngine.unavailableBecause(parts);
        if (noContainers.isEmpty()) {
            return true;
        }
        if (required) {
            throw new IllegalStateException("the test infrastructure must run in containers ("
                    + (mode.equals("containers") ? MODE_VARIABLE + "=containers" : "SHOP_REQUIRE_DOCKER=true")
                    + "), but " + noContainers.get() + ". Start an engine and build the images (.ci/run does both).");
        }
        if (!missingBinaries.isEmpty()) {
            throw new IllegalStateException("the integration tests need the suite's infrastructure, in containers or"
                    + " natively, and neither is possible here. Containers: " + noContainers.get()
                    + ". Natively: " + noBinaries + ".");
        }
        System.out.println("[test-infrastructure] running the infrastructure natively: " + noContainers.get());
        return false;
    }

    private static boolean onPath(String binary) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .filter(dir -> !dir.isBlank())
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, binary)));
    }

    /** The infrastructure and the suite's services (two order-service instances), as ./stack runs them. */
    public static synchronized TestInfrastructure sharedSuite() {
        TestInfrastructure infra = shared();
        if (!infra.suiteStarted) {
            infra.start(infra.suite, "services");
            infra.suiteStarted = true;
        }
        return infra;
    }

    private void start(Stack stack, String what) {
        long begin = System.nanoTime();
        System.out.println("[test-infrastructure] starting " + what + " in " + stack.settings().stackDir());
        stack.up(System.out);
        System.out.printf("[test-infrastructure] %s up in %.1f s%n", what, (System.nanoTime() - begin) / 1e9);
    }

    /** Every part this JVM may run (the services only once {@link #sharedSuite()} started them). */
    public Stack stack() {
        return suiteStarted ? suite : infrastructure;
    }

    /** A service part by name, e.g. {@code account-service} or {@code order-service-2}. */
    public ServicePart service(String name) {
        return suite.parts(ServicePart.class).stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no service named " + name));
    }

    public String baseUrl(ServicePart service) {
        return "http://" + host() + ":" + service.port();
    }

    public StackSettings settings() {
        return infrastructure.settings();
    }

    public String host() {
        return settings().host();
    }

    public MySqlPart mysql() {
        return infrastructure.parts(MySqlPart.class).get(0);
    }

    public String jdbcUrl(String database) {
        return mysql().jdbcUrl(database);
    }

    public List<RedisPart> redisNodes() {
        return infrastructure.parts(RedisPart.class);
    }

    public List<SentinelPart> sentinels() {
        return infrastructure.parts(SentinelPart.class);
    }

    public SeataPart seata() {
        return infrastructure.parts(SeataPart.class).get(0);
    }

    public CanalPart canal() {
        return infrastructure.parts(CanalPart.class).get(0);
    }

    /** A secret this run's stack generated (README, "Secrets"), e.g. to log in as a service's database user. */
    public String secret(StackSecret secret) {
        return secret.value(settings());
    }

    /** The password every Redis node and sentinel of this run asks for. */
    public String redisPassword() {
        return secret(StackSecret.REDIS_PASSWORD);
    }

    /**
     * A bearer token for {@code userId} (scope {@code shop.admin} if {@code admin}) from the suite's issuer; one per
     * user and scope, made again after half of its hour.
     */
    public String token(long userId, boolean admin) {
        long now = System.nanoTime();
        TestToken token = tokens.compute(userId + (admin ? ":admin" : ""), (key, held) ->
                held != null && now - held.madeAt() < TOKEN_REUSE.toNanos() ? held
                        : new TestToken(DevIssuer.token(settings(), userId, admin), now));
        return token.value();
    }

    private static final Duration TOKEN_REUSE = Duration.ofMinutes(30);
    private final Map<String, TestToken> tokens = new ConcurrentHashMap<>();

    private record TestToken(String value, long madeAt) {
    }

    /**
     * Starts whatever part is not running (after a test killed it) and waits until all are healthy again. When a Redis
     * node or sentinel was down it also waits until the sentinels have settled: a master back within the sentinels'
     * down-after time may still be failed over a moment later, and the next test must not start in that failover.
     */
    public void restartStopped() {
        boolean redisWasDown = stack().parts().stream()
                .filter(part -> part instanceof RedisPart || part instanceof SentinelPart)
                .anyMatch(part -> part.running().isEmpty());
        stack().up(System.out);
        RedisGroup redis = new RedisGroup(redisNodes(), sentinels());
        redis.awaitSettled(redisWasDown ? Duration.ofSeconds(2) : Duration.ZERO, Duration.ofSeconds(60));
    }

    /** Whether the infrastructure runs in containers (else as native processes). */
    public boolean inContainers() {
        return containers != null;
    }

    private void tearDown() {
        if (containers != null) {
            // The processes first, as down does; containers are removed at once (a graceful stop of each could
            // outlast the time the build gives a finished test JVM).
            List<Part> processes = new java.util.ArrayList<>(suite.parts().stream().filter(p -> !p.inContainer()).toList());
            java.util.Collections.reverse(processes);
            processes.forEach(Part::stop);
            containers.removeAll();
        } else {
            suite.down(System.out);
        }
        keepLogs(suite.settings().stackDir().resolve("logs"));
        deleteQuietly(suite.settings().stackDir());
    }

    /** Copies the parts' logs to {@code -Dshop.test.logs} (the build's target/stack-logs), to read after a failure. */
    private static void keepLogs(Path logs) {
        String target = System.getProperty("shop.test.logs");
        if (target == null || !Files.isDirectory(logs)) {
            return;
        }
        try (Stream<Path> files = Files.list(logs)) {
            Path into = Files.createDirectories(Path.of(target));
            for (Path log : files.toList()) {
                Files.copy(log, into.resolve(log.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            System.err.println("[test-infrastructure] could not keep the logs of " + logs + ": " + e);
        }
    }

    static void cleanUpAbandonedRuns() {
        try (Stream<Path> dirs = Files.list(TEMP)) {
            for (Path dir : dirs.filter(d -> d.getFileName().toString().startsWith(DIR_PREFIX)).toList()) {
                Path owner = dir.resolve("owner.pid");
                long pid = Files.exists(owner) ? Long.parseLong(Files.readString(owner).trim()) : -1;
                if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                    continue;
                }
                // Ports don't matter for stopping: parts are found by their pid files in that directory.
                Stack.suite(StackSettings.onFreePorts(StackSettings.findProjectRoot(), dir)).down(System.out);
                deleteQuietly(dir);
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("[test-infrastructure] could not clean up earlier runs in " + TEMP + ": " + e);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort: a leftover temp directory is harmless
        }
    }
}
