package org.shopsuite.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

    private final Stack stack;

    private TestInfrastructure(Stack stack) {
        this.stack = stack;
    }

    /** Starts MySQL, Redis + sentinels, the coordinator and the Canal server once per JVM. */
    public static synchronized TestInfrastructure shared() {
        if (shared == null) {
            cleanUpAbandonedRuns();
            try {
                Path dir = Files.createTempDirectory(TEMP, DIR_PREFIX);
                Files.writeString(dir.resolve("owner.pid"), String.valueOf(ProcessHandle.current().pid()));
                Stack stack = Stack.infrastructure(StackSettings.onFreePorts(StackSettings.findProjectRoot(), dir));
                Runtime.getRuntime().addShutdownHook(new Thread(() -> tearDown(stack), "test-infrastructure-stop"));
                long begin = System.nanoTime();
                System.out.println("[test-infrastructure] starting in " + dir);
                stack.up(System.out);
                System.out.printf("[test-infrastructure] up in %.1f s%n", (System.nanoTime() - begin) / 1e9);
                shared = new TestInfrastructure(stack);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return shared;
    }

    public Stack stack() {
        return stack;
    }

    public StackSettings settings() {
        return stack.settings();
    }

    public String host() {
        return settings().host();
    }

    public MySqlPart mysql() {
        return stack.parts(MySqlPart.class).get(0);
    }

    public String jdbcUrl(String database) {
        return mysql().jdbcUrl(database);
    }

    public List<RedisPart> redisNodes() {
        return stack.parts(RedisPart.class);
    }

    public List<SentinelPart> sentinels() {
        return stack.parts(SentinelPart.class);
    }

    public SeataPart seata() {
        return stack.parts(SeataPart.class).get(0);
    }

    public CanalPart canal() {
        return stack.parts(CanalPart.class).get(0);
    }

    /** Starts whatever part is not running (after a test killed it) and waits until all are healthy again. */
    public void restartStopped() {
        stack.up(System.out);
    }

    private static void tearDown(Stack stack) {
        stack.down(System.out);
        deleteQuietly(stack.settings().stackDir());
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
                Stack.infrastructure(StackSettings.onFreePorts(StackSettings.findProjectRoot(), dir))
                        .down(System.out);
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
