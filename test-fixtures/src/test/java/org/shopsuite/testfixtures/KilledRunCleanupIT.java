package org.shopsuite.testfixtures;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.shopsuite.stack.Stack;
import org.shopsuite.stack.StackSettings;
import org.testcontainers.DockerClientFactory;

/**
 * Cleanup of a killed run: a test JVM killed with SIGKILL never runs its shutdown hook, so what it started outlives
 * it; the next run must remove it before it starts anything. Checked for the infrastructure this machine runs the
 * tests on (TestInfrastructure's choice): containers and their volumes, or native processes and their directory.
 */
class KilledRunCleanupIT {

    @Test
    void whatAKilledRunLeftIsRemovedByTheNextOne() throws Exception {
        Path probeDir = Files.createTempDirectory("shopsuite-choice-");
        boolean containers = TestInfrastructure.inContainers(
                Stack.infrastructure(StackSettings.onFreePorts(StackSettings.findProjectRoot(), probeDir)).parts());
        // asking for the parts' container recipes generated their secrets there
        try (java.util.stream.Stream<Path> paths = Files.walk(probeDir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
        System.out.println("[cleanup-it] checking the cleanup of " + (containers ? "containers" : "native processes"));
        if (containers) {
            containerLeftoversAreRemoved();
        } else {
            nativeLeftoversAreRemoved();
        }
    }

    private static void containerLeftoversAreRemoved() throws Exception {
        Process run = startAbandonedRun("containers");
        String name = awaitStarted(run);
        kill(run);
        DockerClient docker = DockerClientFactory.instance().client();
        InspectContainerResponse leftover = docker.inspectContainerCmd(name).exec();
        List<String> volumes = leftover.getMounts().stream().map(InspectContainerResponse.Mount::getName)
                .filter(volume -> volume != null).toList();
        assertThat(volumes).as("anonymous volumes of %s", name).isNotEmpty();

        ContainerEngine.removeAbandoned();

        assertThat(exists(() -> docker.inspectContainerCmd(name).exec())).as("container %s", name).isFalse();
        for (String volume : volumes) {
            assertThat(exists(() -> docker.inspectVolumeCmd(volume).exec())).as("volume %s", volume).isFalse();
        }
    }

    private static void nativeLeftoversAreRemoved() throws Exception {
        Process run = startAbandonedRun("native");
        String[] started = awaitStarted(run).split(" ");
        Path dir = Path.of(started[0]);
        long redisPid = Long.parseLong(started[1]);
        kill(run);
        assertThat(ProcessHandle.of(redisPid).map(ProcessHandle::isAlive)).as("redis-server left running").contains(true);

        TestInfrastructure.cleanUpAbandonedRuns();

        ProcessHandle.of(redisPid).ifPresent(process -> process.onExit().orTimeout(30, TimeUnit.SECONDS).join());
        assertThat(ProcessHandle.of(redisPid).map(ProcessHandle::isAlive).orElse(false)).as("redis-server").isFalse();
        assertThat(dir).doesNotExist();
    }

    private static Process startAbandonedRun(String mode) throws Exception {
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), AbandonedRun.class.getName(), mode)
                .redirectErrorStream(true).start();
    }

    private static void kill(Process run) throws InterruptedException {
        run.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        assertThat(run.isAlive()).isFalse();
    }

    private static String awaitStarted(Process run) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(run.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        for (String line; (line = out.readLine()) != null; ) {
            seen.append(line).append('\n');
            if (line.startsWith("started ")) {
                return line.substring("started ".length()).trim();
            }
        }
        throw new AssertionError("the run exited before starting what it leaves behind:\n" + seen);
    }

    private static boolean exists(Runnable inspect) {
        try {
            inspect.run();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }
}
