package org.shopsuite.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One process of the stack: how to prepare and start it, and how to tell that it is healthy. Subclasses say only
 * what is particular to their part; starting, stopping and pid bookkeeping are shared here.
 */
public abstract class Part {

    protected final StackSettings settings;
    private final String name;
    private final int port;
    private final ManagedProcess process;

    protected Part(StackSettings settings, String name, int port) {
        this.settings = settings;
        this.name = name;
        this.port = port;
        this.process = new ManagedProcess(name, settings.pidFile(name), settings.logFile(name));
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public Path logFile() {
        return settings.logFile(name);
    }

    public Path dir() {
        return settings.partDir(name);
    }

    /** How long a start may take before {@code up} gives up on this part. */
    public Duration startTimeout() {
        return Duration.ofSeconds(60);
    }

    /** One-time or every-time work before the process starts (first-run initialisation, rendered config). */
    protected void prepare() throws IOException {
    }

    protected abstract List<String> command();

    protected Map<String, String> environment() {
        return Map.of();
    }

    /** Whether the part answers as it should: not just a live pid, but its own protocol. */
    public abstract boolean healthy();

    /** Work once the part is healthy (loading the schema into a fresh database, for instance). */
    protected void afterHealthy() throws IOException {
    }

    /** A short description of the part's current state for {@code status}, beyond healthy/down. */
    public String detail() {
        return "";
    }

    public Optional<ProcessHandle> running() {
        return process.running();
    }

    public void start() throws IOException {
        Files.createDirectories(dir());
        Files.createDirectories(logFile().getParent());
        prepare();
        process.start(command(), environment(), dir());
    }

    public boolean stop() {
        return process.stop(Duration.ofSeconds(30));
    }

    /** SIGKILL, as a crash would: for fault-injection tests. */
    public void kill() {
        process.kill();
    }

    protected static String javaBinary() {
        return ProcessHandle.current().info().command().orElse("java");
    }
}
