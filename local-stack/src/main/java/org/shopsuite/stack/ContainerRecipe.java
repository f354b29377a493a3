package org.shopsuite.stack;

import java.util.List;
import java.util.Map;

/**
 * How a part runs as a container of the suite's own image (docker/): the image, the entrypoint when it is not the
 * image's default, and the environment its entrypoint reads. The container shares the host's network, so it listens
 * on the same address and port as the native process would, and everything that reaches the part natively (the
 * services, the probes, the other parts, the sentinels' announced addresses) reaches the container unchanged.
 */
public record ContainerRecipe(String image, List<String> entrypoint, Map<String, String> environment) {

    public static ContainerRecipe of(String image, Map<String, String> environment) {
        return new ContainerRecipe(image, List.of(), environment);
    }
}
