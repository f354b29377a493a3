package org.shopsuite.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StackSettingsTest {

    @Test
    void freePortsAreDistinctAcrossEveryPartOfTheStack() {
        // Probed one by one and released at once, the kernel handed one port to a Redis node and a gateway alike
        // (a CI failure); many rounds make such a repeat likely if it can happen at all.
        for (int round = 0; round < 2000; round++) {
            StackSettings s = StackSettings.onFreePorts(Path.of("."), Path.of("/tmp/unused"));
            List<Integer> ports = new ArrayList<>();
            ports.add(s.mysqlPort());
            ports.addAll(s.redisPorts());
            ports.addAll(s.sentinelPorts());
            ports.addAll(List.of(s.seataPort(), s.seataConsolePort(), s.canalPort(), s.accountPort(),
                    s.inventoryPort(), s.canalSyncPort()));
            ports.addAll(s.orderPorts());
            ports.addAll(s.gatewayPorts());

            assertThat(ports).hasSize(17).doesNotHaveDuplicates();
        }
    }
}
