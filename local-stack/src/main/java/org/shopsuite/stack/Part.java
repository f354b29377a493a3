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
    private PartContainer container;
    private java.util.function.Consumer<String> progress = line -> { };
    /** The start-up cache this start uses or records, and what it was started from ({@link #startupCacheOptions}). */
    private StartupCache startupCache;
    private String startupIdentity;

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

    /** Whether the part is a JVM, whose start keeps a core busy for seconds ({@code up} runs a few at a time). */
    public boolean startsAJvm() {
        return false;
    }

    /** Where a part says what a long start is doing ({@code up} prints it). */
    public void reportTo(java.util.function.Consumer<String> progress) {
        this.progress = progress;
    }

    protected void report(String line) {
        progress.accept(line);
    }

    /** Whether the part answers as it should: not just a live pid, but its own protocol. */
    public abstract boolean healthy();

    /** Work once the part is healthy (loading the schema into a fresh database, for instance). */
    protected void afterHealthy() throws IOException {
    }

    /** {@code up} saw the part healthy: its own work, then a recording start hands its recording over to be saved. */
    final void becameHealthy() throws IOException {
        afterHealthy();
        if (startupCache != null) {
            startupCache.healthy(this, startupIdentity);
        }
    }

    /**
     * For a JVM part's {@link #prepare}: the options that start it from the stack's start-up cache of this name, or
     * record that cache ({@link StartupCache}). Only when {@link StartupCache#enabled} (the code's identity, a jar's
     * hash say, is not free to compute).
     *
     * @param code       what the part runs: a jar's hash, or a class path's files
     * @param jvmOptions the options it runs with: a cache is made for them
     */
    protected List<String> startupCacheOptions(String cacheName, String code, List<String> jvmOptions)
            throws IOException {
        startupCache = StartupCache.of(settings, cacheName);
        startupIdentity = StartupCache.identity(code, jvmOptions);
        return startupCache.options(this, startupIdentity);
    }

    /** A short description of the part's current state for {@code status}, beyond healthy/down. */
    public String detail() {
        return "";
    }

    /** How this part runs as a container of the suite's image, for parts that have one (the infrastructure). */
    public Optional<ContainerRecipe> containerRecipe() {
        return Optional.empty();
    }

    /** From now on this part runs in that container (built from {@link #containerRecipe()}) instead of natively. */
    public void runIn(PartContainer container) {
        this.container = container;
    }

    public boolean inContainer() {
        return container != null;
    }

    /**
     * Healthy by its own probe. In a container also by the image's health check, which passes once per start (it
     * runs the native rule inside, e.g. on files only the container has) and then stays passed through brief
     * failures: the live probe from the host is what notices a replica that lost its master a moment ago.
     */
    public boolean isHealthy() {
        return inContainer() ? container.healthy() && healthy() : healthy();
    }

    public Optional<ProcessHandle> running() {
        return inContainer() ? container.running() : process.running();
    }

    public void start() throws IOException {
        Files.createDirectories(logFile().getParent());
        if (inContainer()) {
            container.start();
            return;
        }
        Files.createDirectories(dir());
        startupCache = null;
        prepare();
        process.start(command(), environment(), dir());
    }

    public boolean stop() {
        return inContainer() ? container.stop(Duration.ofSeconds(30)) : process.stop(Duration.ofSeconds(30));
    }

    /** SIGKILL, as a crash would: for fault-injection tests. */
    public void kill() {
        if (inContainer()) {
            container.kill();
        } else {
            process.kill();
        }
    }

    protected static String javaBinary() {
        return ProcessHandle.current().info().command().orElse("java");
    }
}
