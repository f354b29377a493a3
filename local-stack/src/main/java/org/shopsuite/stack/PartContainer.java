package org.shopsuite.stack;

import java.time.Duration;
import java.util.Optional;

/**
 * A part running in a container instead of as a native process: the integration tests run the infrastructure this
 * way where a Docker engine answers. Stopping keeps the container and its data, as stopping a native part keeps its
 * directory; {@link #start()} after a stop or a kill starts the same container again.
 */
public interface PartContainer {

    void start();

    /** The container's main process as the host sees it, while the container runs. */
    Optional<ProcessHandle> running();

    /** SIGTERM, then SIGKILL after the grace period. Returns whether it was running. */
    boolean stop(Duration grace);

    /** SIGKILL, as a crash would. */
    void kill();

    /** The verdict of the image's HEALTHCHECK, which applies the same rule as the part's native probe. */
    boolean healthy();
}
