package org.shopsuite.stack;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One detached process of the stack, known by its pid file. The pid file also records the process's start time, so a
 * pid the kernel reused for somebody else's process is never mistaken for ours (and never killed).
 */
final class ManagedProcess {

    private final String name;
    private final Path pidFile;
    private final Path logFile;

    ManagedProcess(String name, Path pidFile, Path logFile) {
        this.name = name;
        this.pidFile = pidFile;
        this.logFile = logFile;
    }

    /** Starts the command in its own session (so a Ctrl-C on {@code ./stack up} doesn't reach it), output to the log. */
    ProcessHandle start(List<String> command, Map<String, String> environment, Path workDir) {
        try {
            Files.createDirectories(pidFile.getParent());
            Files.createDirectories(logFile.getParent());
            Files.createDirectories(workDir);
            Files.writeString(logFile, "---- " + Instant.now() + " starting " + name + ": " + String.join(" ", command)
                    + System.lineSeparator(), java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
            ProcessBuilder builder = new ProcessBuilder(withNewSession(command))
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            builder.environment().putAll(environment);
            Process process = builder.start();
            ProcessHandle handle = process.toHandle();
            Instant started = handle.info().startInstant().orElse(Instant.EPOCH);
            Files.writeString(pidFile, handle.pid() + " " + started.toEpochMilli() + System.lineSeparator());
            return handle;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name + " (" + command.get(0) + "): " + e.getMessage(), e);
        }
    }

    /** The live process this pid file names, if it is still the one we started. */
    Optional<ProcessHandle> running() {
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        try {
            String[] fields = Files.readString(pidFile).trim().split("\\s+");
            long pid = Long.parseLong(fields[0]);
            long startedMillis = fields.length > 1 ? Long.parseLong(fields[1]) : 0;
            return ProcessHandle.of(pid)
                    .filter(ProcessHandle::isAlive)
                    .filter(h -> startedMillis == 0 || h.info().startInstant()
                            .map(i -> Math.abs(i.toEpochMilli() - startedMillis) < 2000).orElse(true));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** SIGTERM, then SIGKILL after the grace period; removes the pid file. Returns whether something was stopped. */
    boolean stop(Duration grace) {
        Optional<ProcessHandle> process = running();
        process.ifPresent(handle -> {
            handle.destroy();
            try {
                handle.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception timedOut) {
                handle.destroyForcibly();
                try {
                    handle.onExit().get(5, TimeUnit.SECONDS);
                } catch (Exception ignored) {
                    // reported by the caller's status check
                }
            }
        });
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException ignored) {
            // a stale pid file is harmless: running() re-checks liveness and start time
        }
        return process.isPresent();
    }

    /** Hard kill without grace: what a crash looks like, for fault-injection tests. */
    void kill() {
        running().ifPresent(handle -> {
            handle.destroyForcibly();
            handle.onExit().join();
        });
    }

    private static List<String> withNewSession(List<String> command) {
        if (new File("/usr/bin/setsid").canExecute()) {
            return java.util.stream.Stream.concat(java.util.stream.Stream.of("/usr/bin/setsid"), command.stream())
                    .toList();
        }
        return command;
    }
}
