package org.shopsuite.stack;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A JVM part's ahead-of-time cache (JDK 25, JEP 483 and 514): the classes its start loads, already parsed and linked,
 * so a start spends about a third of the CPU it would otherwise (docs/operations.md, "Start-up").
 *
 * <p>The cache is recorded by a real start, not a separate training run: the first start after the part's code
 * changed runs with {@code -XX:AOTCacheOutput}; once the part is healthy, {@code up} ends the recording
 * ({@code jcmd PID AOT.end_recording}), the JVM writes the cache from a child process while the part keeps serving,
 * and the next start uses it. Instances of one module share one cache, recorded by one of them. The cache is used
 * only for the code and JVM it was made from ({@link #current}); the JVM also checks the class path itself and
 * starts without a cache it cannot use: slower, never broken.
 *
 * <p>A Spring Boot jar's nested jars cannot be cached, so {@link #extracted} unpacks it to plain jars first.
 */
final class StartupCache {

    static final int FIRST_JDK = 25;
    private static final Map<Path, StartupCache> BY_DIRECTORY = new ConcurrentHashMap<>();
    /** Recordings to end once every part is healthy: writing a cache takes a core for seconds, starts come first. */
    private static final List<java.util.function.Supplier<String>> SAVES = new ArrayList<>();

    private final String name;
    private final Path dir;
    /** The part recording the cache in this run, until the cache is written; no other instance records meanwhile. */
    private Part recorder;

    private StartupCache(String name, Path dir) {
        this.name = name;
        this.dir = dir;
    }

    /**
     * The cache of this module (or infrastructure part) in this stack, shared by its instances; one for the quick
     * JIT and one for the full one ({@link StackSettings#quickJit}), so switching to benchmark and back keeps both.
     */
    static StartupCache of(StackSettings settings, String name) {
        Path dir = settings.stackDir().resolve("startup-cache").resolve(settings.quickJit() ? name : name + "-full-jit");
        return BY_DIRECTORY.computeIfAbsent(dir, d -> new StartupCache(name, d));
    }

    /** Whether the stack uses start-up caches: asked for, a JDK 25 or newer, and its jcmd to end a recording. */
    static boolean enabled(StackSettings settings) {
        return settings.startupCache() && Runtime.version().feature() >= FIRST_JDK && Files.isExecutable(jcmd());
    }

    private static Path jcmd() {
        return Path.of(System.getProperty("java.home"), "bin", "jcmd");
    }

    private Path cacheFile() {
        return dir.resolve(name + ".aot");
    }

    private Path madeFrom() {
        return dir.resolve("made-from");
    }

    /**
     * The Boot jar unpacked to plain jars ({@code -Djarmode=tools extract}), unpacked again only when the jar's
     * content changed (the build is reproducible, so an unchanged module keeps its files and its cache).
     */
    synchronized Path extracted(Path bootJar, String jarHash) throws IOException {
        Path app = dir.resolve("app");
        Path extractedJar = app.resolve(bootJar.getFileName());
        Path extractedFrom = dir.resolve("extracted-from");
        if (Files.isRegularFile(extractedJar) && Files.isRegularFile(extractedFrom)
                && Files.readString(extractedFrom).equals(jarHash)) {
            return extractedJar;
        }
        deleteRecursively(dir);
        Files.createDirectories(dir);
        Process extract = new ProcessBuilder(javaBinary(), "-Djarmode=tools", "-jar", bootJar.toString(), "extract",
                "--destination", app.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("extract.log").toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        try {
            if (!extract.waitFor(2, TimeUnit.MINUTES) || extract.exitValue() != 0 || !Files.isRegularFile(extractedJar)) {
                extract.destroyForcibly();
                throw new IOException("could not extract " + bootJar + " for its start-up cache (see "
                        + dir.resolve("extract.log") + "); SHOP_STARTUP_CACHE=off starts the services from their jars");
            }
        } catch (InterruptedException e) {
            extract.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while extracting " + bootJar, e);
        }
        Files.writeString(extractedFrom, jarHash);
        return extractedJar;
    }

    /**
     * The options a start adds: use the cache made for this code, or record one when nobody does yet (this start
     * becomes the recorder), or nothing while another instance records.
     *
     * @param identity what the code is, e.g. the jar's hash, and the JVM options the start runs with: a cache made
     *                 from other code or under other options is recorded again
     */
    synchronized List<String> options(Part part, String identity) throws IOException {
        // Only errors: the JVM otherwise lists every class it leaves out (signed jars, generated proxies).
        if (current(identity)) {
            return List.of("-XX:AOTCache=" + cacheFile(), "-Xlog:aot=error");
        }
        if (recorder != null && recorder != part && recorder.running().isPresent()) {
            return List.of();
        }
        recorder = part;
        Files.createDirectories(dir);
        Files.deleteIfExists(madeFrom());
        Files.deleteIfExists(cacheFile());
        part.report(name + ": recording its start-up cache during this start (once per change of its code)");
        return List.of("-XX:AOTCacheOutput=" + cacheFile(), "-Xlog:aot=error");
    }

    private boolean current(String identity) throws IOException {
        return Files.isRegularFile(cacheFile()) && Files.isRegularFile(madeFrom())
                && Files.readString(madeFrom()).equals(stamp(identity));
    }

    /**
     * The part is healthy: if it is this cache's recorder, its recording is ended by {@link #saveRecorded}, once
     * every part is up (the JVM pauses briefly, then a child process writes the cache while the part serves on).
     */
    synchronized void healthy(Part part, String identity) {
        if (part != recorder) {
            return;
        }
        long pid = part.running().map(ProcessHandle::pid).orElse(-1L);
        synchronized (SAVES) {
            SAVES.add(() -> save(pid, identity));
        }
    }

    /**
     * Ends the recording without waiting for it: a detached shell runs {@code jcmd PID AOT.end_recording} and marks
     * the cache current only once the JVM wrote it, so {@code up} returns as soon as every part is healthy, and a
     * {@code down} meanwhile leaves no cache that claims to be current (the next start records again).
     */
    private String save(long pid, String identity) {
        try {
            Path pending = dir.resolve("made-from.pending");
            Files.writeString(pending, stamp(identity));
            new ProcessBuilder(List.of("/usr/bin/setsid", "/bin/sh", "-c",
                    "\"$0\" \"$1\" AOT.end_recording && test -s \"$2\" && mv \"$3\" \"$4\"",
                    jcmd().toString(), String.valueOf(pid), cacheFile().toString(), pending.toString(),
                    madeFrom().toString()))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("record.log").toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
            return name;
        } catch (IOException e) {
            return name + " (not saved: " + e.getMessage() + ")";
        }
    }

    /** Ends the recordings of this up; their caches are written in the background (about 10 s of CPU each). */
    static void saveRecorded(PrintStream out) {
        List<String> saving;
        synchronized (SAVES) {
            saving = SAVES.stream().map(java.util.function.Supplier::get).toList();
            SAVES.clear();
        }
        if (!saving.isEmpty()) {
            out.println("  writing the start-up caches recorded during this up, in the background (a minute or two;"
                    + " the next up starts from them): " + String.join(", ", saving));
        }
    }

    /** What a cache was made from: the code and options, and the exact JVM. */
    private static String stamp(String identity) {
        return identity + System.lineSeparator() + "java " + Runtime.version() + System.lineSeparator();
    }

    /** A start's identity for {@link #options}: its code and its JVM options. */
    static String identity(String code, List<String> jvmOptions) {
        return code + System.lineSeparator() + "options " + String.join(" ", jvmOptions);
    }

    /** The identity of a class path: each file's name, size and modification time (the JVM checks the same). */
    static String classPathIdentity(List<Path> entries) throws IOException {
        StringBuilder identity = new StringBuilder("class path");
        for (Path entry : entries) {
            List<Path> files;
            if (Files.isDirectory(entry)) {
                try (Stream<Path> listing = Files.list(entry)) {
                    files = listing.sorted().toList();
                }
            } else {
                files = List.of(entry);
            }
            for (Path file : files) {
                identity.append('\n').append(file).append(' ').append(Files.size(file)).append(' ')
                        .append(Files.getLastModifiedTime(file).toMillis());
            }
        }
        return identity.toString();
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return "sha-256 " + HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
