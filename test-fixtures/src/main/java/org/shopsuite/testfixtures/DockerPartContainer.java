package org.shopsuite.testfixtures;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Frame;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.shopsuite.stack.ContainerRecipe;
import org.shopsuite.stack.PartContainer;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * One part of the infrastructure as a container of the suite's image, on the host's network. Testcontainers creates
 * it on the first start and removes it (with its volumes) at the end; in between, a stop or a kill keeps the
 * container and its data and the next start starts the same container again, as a native part keeps its directory.
 * Its output goes to the part's log file, where the native part's goes.
 */
final class DockerPartContainer implements PartContainer {

    private final String name;
    private final ContainerRecipe recipe;
    private final Map<String, String> labels;
    private final Path logFile;
    private GenericContainer<?> container;
    private ResultCallback.Adapter<Frame> logFollower;

    DockerPartContainer(String name, ContainerRecipe recipe, Map<String, String> labels, Path logFile) {
        this.name = name;
        this.recipe = recipe;
        this.labels = labels;
        this.logFile = logFile;
    }

    @Override
    public synchronized void start() {
        Instant since = Instant.now();
        if (container == null) {
            GenericContainer<?> created = new GenericContainer<>(DockerImageName.parse(recipe.image()))
                    // The host's network: the part listens where the native one would (sentinels hand out
                    // addresses that the replicas, the other sentinels and the services on the host all reach).
                    .withNetworkMode("host")
                    .withEnv(recipe.environment())
                    .withLabels(labels)
                    .withCreateContainerCmdModifier(cmd -> {
                        cmd.withName(containerName());
                        if (!recipe.entrypoint().isEmpty()) {
                            cmd.withEntrypoint(recipe.entrypoint());
                        }
                    });
            // Health is awaited by the stack, part by part, as natively; Testcontainers only checks that it runs.
            created.setWaitStrategy(new org.testcontainers.containers.wait.strategy.AbstractWaitStrategy() {
                @Override
                protected void waitUntilReady() {
                }
            });
            created.start();
            container = created;
        } else {
            docker().startContainerCmd(container.getContainerId()).exec();
        }
        followLogs(since);
    }

    private String containerName() {
        return labels.get(ContainerEngine.RUN_LABEL) + "-" + name;
    }

    @Override
    public synchronized Optional<ProcessHandle> running() {
        return state().filter(state -> Boolean.TRUE.equals(state.getRunning()))
                .flatMap(state -> ProcessHandle.of(state.getPidLong()));
    }

    @Override
    public synchronized boolean stop(Duration grace) {
        if (running().isEmpty()) {
            return false;
        }
        docker().stopContainerCmd(container.getContainerId()).withTimeout((int) grace.toSeconds()).exec();
        return true;
    }

    @Override
    public synchronized void kill() {
        if (running().isPresent()) {
            docker().killContainerCmd(container.getContainerId()).exec();
        }
    }

    @Override
    public synchronized boolean healthy() {
        return state().filter(state -> Boolean.TRUE.equals(state.getRunning()))
                .map(state -> state.getHealth() != null && "healthy".equals(state.getHealth().getStatus()))
                .orElse(false);
    }

    /** Removes the container and its volumes. */
    synchronized void remove() {
        closeLogFollower();
        if (container != null) {
            container.stop();
            container = null;
        }
    }

    private Optional<InspectContainerResponse.ContainerState> state() {
        if (container == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(docker().inspectContainerCmd(container.getContainerId()).exec().getState());
    }

    /** Appends what the container writes from now on to the part's log, as a native part's output goes there. */
    private void followLogs(Instant since) {
        closeLogFollower();
        try {
            Files.createDirectories(logFile.getParent());
            Files.writeString(logFile, "---- " + since + " starting " + name + " in container " + containerName()
                    + " (" + recipe.image() + ")" + System.lineSeparator(),
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            OutputStream log = Files.newOutputStream(logFile, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            logFollower = docker().logContainerCmd(container.getContainerId())
                    .withStdOut(true).withStdErr(true).withFollowStream(true)
                    .withSince((int) since.getEpochSecond())
                    .exec(new ResultCallback.Adapter<>() {
                        @Override
                        public void onNext(Frame frame) {
                            try {
                                log.write(frame.getPayload());
                                log.flush();
                            } catch (IOException e) {
                                // a log line lost is no reason to fail the part
                            }
                        }

                        @Override
                        public void close() throws IOException {
                            super.close();
                            log.close();
                        }
                    });
        } catch (IOException e) {
            System.err.println("[test-infrastructure] cannot write the log of " + name + " to " + logFile + ": " + e);
        }
    }

    private void closeLogFollower() {
        if (logFollower != null) {
            try {
                logFollower.close();
            } catch (IOException ignored) {
                // the stream ends with the container anyway
            }
            logFollower = null;
        }
    }

    private static DockerClient docker() {
        return DockerClientFactory.instance().client();
    }
}
