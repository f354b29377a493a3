package org.shopsuite.systemtest.compose;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The docker and compose command lines, run as a user would type them. Compose v2 ({@code docker compose}) where the
 * docker client has it, otherwise Debian's v1 ({@code docker-compose}). {@code DOCKER} names the docker client (.ci/run
 * sets Debian's 20.10 one, which builds with BuildKit without the buildx plugin); compose v1 builds through the
 * client first on PATH, so that client's directory goes first.
 */
final class ComposeCli {

    record Result(int exit, String output) {
        boolean ok() {
            return exit == 0;
        }
    }

    private final String docker;
    private final boolean v2;
    private final Path projectDir;
    private final String project;
    private final Map<String, String> environment;

    private ComposeCli(String docker, boolean v2, Path projectDir, String project, Map<String, String> environment) {
        this.docker = docker;
        this.v2 = v2;
        this.projectDir = projectDir;
        this.project = project;
        this.environment = environment;
    }

    static String dockerClient() {
        String docker = System.getenv("DOCKER");
        return docker == null || docker.isBlank() ? "docker" : docker;
    }

    /** Whether a Docker engine answers this machine's docker client; the reason when not. */
    static Result engine() {
        return run(List.of(dockerClient(), "info", "--format", "{{.ServerVersion}}"), null, Map.of(), Duration.ofSeconds(30));
    }

    static ComposeCli forProject(Path projectDir, String project, Map<String, String> extraEnvironment) {
        String docker = dockerClient();
        Map<String, String> env = new HashMap<>(extraEnvironment);
        env.put("DOCKER_BUILDKIT", "1");
        env.put("COMPOSE_DOCKER_CLI_BUILD", "1");
        Path client = Path.of(docker);
        if (client.isAbsolute()) {
            env.put("PATH", client.getParent() + ":" + System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        }
        boolean v2 = run(List.of(docker, "compose", "version"), projectDir, env, Duration.ofSeconds(30)).ok();
        if (!v2 && !run(List.of("docker-compose", "version"), projectDir, env, Duration.ofSeconds(30)).ok()) {
            throw new IllegalStateException("neither `docker compose` (v2) nor `docker-compose` (v1) runs here: install"
                    + " one (Debian: apt-get install docker-compose)");
        }
        return new ComposeCli(docker, v2, projectDir, project, env);
    }

    boolean v2() {
        return v2;
    }

    /** The compose command line this test runs, as the README shows it (without the project name). */
    List<String> command(String... args) {
        List<String> command = new ArrayList<>(v2 ? List.of(docker, "compose") : List.of("docker-compose"));
        command.addAll(List.of("-p", project));
        command.addAll(List.of(args));
        return command;
    }

    Result compose(Duration timeout, String... args) {
        return run(command(args), projectDir, environment, timeout);
    }

    Result docker(Duration timeout, String... args) {
        List<String> command = new ArrayList<>(List.of(docker));
        command.addAll(List.of(args));
        return run(command, projectDir, environment, timeout);
    }

    /** The container id of a compose service (its one container), or fails naming the service. */
    String containerOf(String service) {
        Result ps = compose(Duration.ofMinutes(1), "ps", "-q", service);
        String id = ps.output().strip();
        if (!ps.ok() || id.isEmpty() || id.contains("\n")) {
            throw new IllegalStateException("no single container for compose service " + service + ": " + ps.output());
        }
        return id;
    }

    static Result run(List<String> command, Path dir, Map<String, String> env, Duration timeout) {
        try {
            Path output = Files.createTempFile("shopsuite-compose-", ".out");
            try {
                ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(output.toFile());
                if (dir != null) {
                    builder.directory(dir.toFile());
                }
                builder.environment().putAll(env);
                Process process = builder.start();
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly().waitFor();
                    return new Result(-1, "timed out after " + timeout.toSeconds() + " s: " + String.join(" ", command)
                            + "\n" + Files.readString(output));
                }
                return new Result(process.exitValue(), Files.readString(output));
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            return new Result(-1, "cannot run " + String.join(" ", command) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
