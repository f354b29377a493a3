package org.shopsuite.testfixtures;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.shopsuite.stack.ContainerRecipe;
import org.shopsuite.stack.Part;
import org.testcontainers.DockerClientFactory;

/**
 * The Docker engine as the test infrastructure uses it: whether it can run the suite's images, one container per
 * part, and cleanup without Ryuk (whose image cannot be pulled here). Everything it creates carries
 * {@value #LABEL} and the pid of the JVM that created it: the JVM removes its own at exit, and whatever a killed JVM
 * left behind is removed by the next one before it starts anything.
 */
final class ContainerEngine {

    static final String LABEL = "org.shopsuite.test";
    static final String OWNER_LABEL = "org.shopsuite.test.owner";
    /** The run's name, also the prefix of its container names: shopsuite-it-PID. */
    static final String RUN_LABEL = "org.shopsuite.test.run";

    private final Map<String, String> labels;
    private final Map<String, DockerPartContainer> containers = new LinkedHashMap<>();

    private ContainerEngine(long ownerPid) {
        this.labels = labelsOf(ownerPid);
    }

    static Map<String, String> labelsOf(long ownerPid) {
        return Map.of(LABEL, "infrastructure", OWNER_LABEL, String.valueOf(ownerPid), RUN_LABEL, "shopsuite-it-" + ownerPid);
    }

    /** An engine for this JVM's containers, after removing what earlier, killed runs left behind. */
    static ContainerEngine forThisJvm() {
        removeAbandoned();
        return new ContainerEngine(ProcessHandle.current().pid());
    }

    /**
     * Why the infrastructure cannot run in containers here, or empty when it can: an engine answers and has the
     * images of every part given.
     */
    static Optional<String> unavailableBecause(List<Part> parts) {
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            return Optional.of("no Docker engine answers (see Testcontainers' log above for where it looked)");
        }
        List<String> missing = new ArrayList<>();
        for (Part part : parts) {
            part.containerRecipe().map(ContainerRecipe::image).filter(image -> !imageExists(image))
                    .filter(image -> !missing.contains(image)).ifPresent(missing::add);
        }
        return missing.isEmpty() ? Optional.empty() : Optional.of("the engine lacks the images " + missing
                + ": build them with docker/base-images.sh, then `docker compose build` (or `docker-compose build`)");
    }

    private static boolean imageExists(String image) {
        try {
            DockerClientFactory.instance().client().inspectImageCmd(image).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    /** The container that runs this part; the same one each time it is asked for (parts are made per Stack). */
    synchronized DockerPartContainer containerFor(Part part, ContainerRecipe recipe, Path logFile) {
        return containers.computeIfAbsent(part.name(), name -> new DockerPartContainer(name, recipe, labels, logFile));
    }

    /** Removes every container this JVM created, with its volumes. */
    synchronized void removeAll() {
        for (DockerPartContainer container : containers.values()) {
            try {
                container.remove();
            } catch (RuntimeException e) {
                System.err.println("[test-infrastructure] could not remove a container: " + e
                        + "; the next test run removes it (label " + LABEL + ")");
            }
        }
        containers.clear();
    }

    /** Containers (and their volumes) of test JVMs that no longer run: killed before their shutdown hook ran. */
    static void removeAbandoned() {
        DockerClient docker = DockerClientFactory.instance().client();
        for (Container container : docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(LABEL, "infrastructure")).exec()) {
            if (!ownerAlive(container.getLabels().get(OWNER_LABEL))) {
                System.out.println("[test-infrastructure] removing container " + container.getNames()[0]
                        + " left by a test run that was killed");
                docker.removeContainerCmd(container.getId()).withForce(true).withRemoveVolumes(true).exec();
            }
        }
    }

    static boolean ownerAlive(String pid) {
        try {
            return pid != null && ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false);
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
