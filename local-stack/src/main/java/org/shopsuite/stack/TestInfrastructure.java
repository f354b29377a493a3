package org.shopsuite.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The infrastructure for integration tests, started by the same launchers as {@code ./stack}, but on free ports in a
 * private directory, so a test run works beside a running stack. One per test JVM, stopped when the JVM exits; a
 * directory left behind by a JVM that was killed is cleaned up (its processes stopped) by the next run.
 */
public final class TestInfrastructure {

    private static final Path TEMP = Path.of(System.getProperty("java.io.tmpdir"));
    private static final String DIR_PREFIX = "shopsuite-it-";
    private static TestInfrastructure shared;

    /**
     * Services started by tests may be sent injected faults (see service-support's FaultInjection). A user's order
     * bucket at the gateways refills slowly (one every 10 s after the burst of 20), so that what a rate-limit test sees
     * does not depend on how fast the machine answers.
     */
    private static final Map<String, String> TEST_SERVICE_ENVIRONMENT = Map.of("SHOP_FAULTINJECTION_ENABLED", "true",
            "SHOP_RATE_LIMIT_USER_PER_SECOND", "0.1");

    private final Stack infrastructure;
    private final Stack suite;
    private boolean suiteStarted;

    private TestInfrastructure(Stack infrastructure, Stack suite) {
        this.infrastructure = infrastructure;
        this.suite = suite;
    }

    /** Starts MySQL, Redis + sentinels, the coordinator and the Canal server once per JVM. */
    public static synchronized TestInfrastructure shared() {
        if (shared == null) {
            requireNativeBinaries();
            cleanUpAbandonedRuns();
            try {
                Path dir = Files.createTempDirectory(TEMP, DIR_PREFIX);
                Files.writeString(dir.resolve("owner.pid"), String.valueOf(ProcessHandle.current().pid()));
                StackSettings settings = StackSettings.onFreePorts(StackSettings.findProjectRoot(), dir);
                TestInfrastructure infra = new TestInfrastructure(Stack.infrastructure(settings),
                        Stack.suite(settings, TEST_SERVICE_ENVIRONMENT));
                Runtime.getRuntime().addShutdownHook(new Thread(() -> tearDown(infra.suite), "test-infrastructure-stop"));
                infra.start(infra.infrastructure, "infrastructure");
                shared = infra;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return shared;
    }

    /**
     * The launchers run MariaDB and Redis from this machine's binaries. Without them no test using this class can
     * run: say how to get them rather than fail later on a missing file.
     */
    private static void requireNativeBinaries() {
        List<String> missing = Stream.of("mariadbd", "mariadb-install-db", "mariadb", "redis-server")
                .filter(binary -> !onPath(binary)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("the integration tests start MariaDB and Redis from this machine's"
                    + " binaries, and " + missing + " are not on the PATH (" + System.getenv("PATH") + "). Install the"
                    + " Debian packages mariadb-server, mariadb-client and redis-server (.ci/run does, and puts /usr/sbin"
                    + " on the PATH). Where a Docker engine runs, the infrastructure checks also run against containers"
                    + " (system-tests, containers/*IT; README, Tests), but the other integration tests need these binaries.");
        }
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

    private static final java.time.Duration TOKEN_REUSE = java.time.Duration.ofMinutes(30);
    private final Map<String, TestToken> tokens = new java.util.concurrent.ConcurrentHashMap<>();

    private record TestToken(String value, long madeAt) {
    }

    /** Starts whatever part is not running (after a test killed it) and waits until all are healthy again. */
    public void restartStopped() {
        stack().up(System.out);
    }

    private static void tearDown(Stack stack) {
        stack.down(System.out);
        keepLogs(stack.settings().stackDir().resolve("logs"));
        deleteQuietly(stack.settings().stackDir());
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

    private static void cleanUpAbandonedRuns() {
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
