package org.shopsuite.testfixtures;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;

/**
 * Cleanup without Ryuk: a test JVM killed with SIGKILL never runs its shutdown hook, so its containers and their
 * volumes outlive it; the next run must remove them before it starts anything.
 */
class ContainerCleanupIT {

    @BeforeAll
    static void engine() {
        boolean available = DockerClientFactory.instance().isDockerAvailable();
        if (!available && "true".equals(System.getenv("SHOP_REQUIRE_DOCKER"))) {
            throw new IllegalStateException("SHOP_REQUIRE_DOCKER=true, but no Docker engine answers");
        }
        Assumptions.assumeTrue(available, "no Docker engine answers: nothing runs in containers, nothing to clean up");
    }

    @Test
    void whatAKilledRunLeftIsRemovedByTheNextOne() throws Exception {
        Process run = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), AbandonedRun.class.getName())
                .redirectErrorStream(true).start();
        String name = awaitStartedContainer(run);

        run.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        assertThat(run.isAlive()).isFalse();
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

    private static String awaitStartedContainer(Process run) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(run.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        for (String line; (line = out.readLine()) != null; ) {
            seen.append(line).append('\n');
            if (line.startsWith("started ")) {
                return line.substring("started ".length()).trim();
            }
        }
        throw new AssertionError("the run exited before starting its container:\n" + seen);
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
