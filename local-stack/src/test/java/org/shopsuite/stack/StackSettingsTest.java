package org.shopsuite.stack;

import static org.assertj.core.api.Assertions.assertThat;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    @Test
    void everyPartListensOnTheLoopbackAddressUnlessToldOtherwise() {
        StackSettings defaults = StackSettings.fromEnvironment(Path.of("."), Map.of());
        assertThat(defaults.bindAddress()).isEqualTo("127.0.0.1");
        assertThat(defaults.host()).isEqualTo("127.0.0.1");
        assertThat(StackSettings.onFreePorts(Path.of("."), Path.of("/tmp/unused")).bindAddress()).isEqualTo("127.0.0.1");

        StackSettings everywhere = StackSettings.fromEnvironment(Path.of("."), Map.of("SHOP_BIND_ADDRESS", "0.0.0.0"));
        assertThat(everywhere.bindAddress()).isEqualTo("0.0.0.0");
        assertThat(everywhere.host()).as("a wildcard is reached over the loopback").isEqualTo("127.0.0.1");

        StackSettings one = StackSettings.fromEnvironment(Path.of("."), Map.of("SHOP_BIND_ADDRESS", "192.0.2.7"));
        assertThat(one.bindAddress()).isEqualTo("192.0.2.7");
        assertThat(one.host()).isEqualTo("192.0.2.7");
    }

    @Test
    void aBindAddressThatIsNotAnIpAddressIsRefusedNamingTheVariable() {
        for (String notOne : new String[] {"localhost", "::1", "127.0.0", "256.0.0.1", "127.0.0.1,10.0.0.1"}) {
            assertThatThrownBy(() -> StackSettings.fromEnvironment(Path.of("."), Map.of("SHOP_BIND_ADDRESS", notOne)))
                    .hasMessageContaining("SHOP_BIND_ADDRESS=" + notOne);
        }
    }

    @Test
    void servicesAreToldToListenOnTheBindAddress(@TempDir Path stackDir) {
        StackSettings settings = StackSettings.fromEnvironment(Path.of("."),
                Map.of("SHOP_BIND_ADDRESS", "0.0.0.0", "SHOP_STACK_DIR", stackDir.toString()));
        for (ServicePart service : Stack.suite(settings).parts(ServicePart.class)) {
            assertThat(service.environment()).as(service.name()).containsEntry("SERVER_ADDRESS", "0.0.0.0");
        }
    }

    @Test
    void theDevelopmentStackRunsTheQuickJitUnlessABenchmarkOrTheOperatorSaysOtherwise() {
        Path root = Path.of(".");
        assertThat(StackSettings.fromEnvironment(root, Map.of()).jvmOptions("128m", "512m"))
                .contains("-XX:TieredStopAtLevel=1");
        assertThat(StackSettings.fromEnvironment(root, Map.of("SHOP_BENCH_ENABLED", "true")).jvmOptions("128m", "512m"))
                .doesNotContain("-XX:TieredStopAtLevel=1");
        assertThat(StackSettings.fromEnvironment(root, Map.of("SHOP_QUICK_JIT", "off")).quickJit()).isFalse();
        // said outright, it wins over the benchmark's default (to compare both JITs under the same load)
        assertThat(StackSettings.fromEnvironment(root, Map.of("SHOP_BENCH_ENABLED", "true", "SHOP_QUICK_JIT", "on"))
                .quickJit()).isTrue();
        assertThat(StackSettings.onFreePorts(root, Path.of("/tmp/unused")).quickJit()).isFalse();
        assertThatThrownBy(() -> StackSettings.fromEnvironment(root, Map.of("SHOP_QUICK_JIT", "maybe")))
                .hasMessageContaining("SHOP_QUICK_JIT=maybe: use on or off");
    }

    @Test
    void aBenchmarkRunsTheFullJitUnlessTheOrderPathIsAskedToRunTheQuickJit() {
        StackSettings bench = StackSettings.fromEnvironment(Path.of("."), Map.of("SHOP_BENCH_ENABLED", "true"));
        Stack.suite(bench).parts(ServicePart.class).forEach(part ->
                assertThat(part.command()).as(part.name()).doesNotContain("-XX:TieredStopAtLevel=1"));

        StackSettings orderPathQuick = StackSettings.fromEnvironment(Path.of("."),
                Map.of("SHOP_BENCH_ENABLED", "true", "SHOP_QUICK_JIT_ORDER_PATH", "on"));
        Map<String, List<String>> commands = new java.util.HashMap<>();
        Stack.suite(orderPathQuick).parts(ServicePart.class).forEach(part -> commands.put(part.name(), part.command()));
        for (String service : List.of("order-service-1", "order-service-2", "account-service", "inventory-service")) {
            assertThat(commands.get(service)).as(service).contains("-XX:TieredStopAtLevel=1");
        }
        for (String service : List.of("canal-sync", "cache-gateway-1", "cache-gateway-2")) {
            assertThat(commands.get(service)).as(service).doesNotContain("-XX:TieredStopAtLevel=1");
        }
    }

    @Test
    void theBenchmarksBaselineRunsTheFullJitTheCeilingAtItsBest() {
        StackSettings quick = StackSettings.fromEnvironment(Path.of("."), Map.of());
        ServicePart baseline = Stack.benchmark(quick, Map.of()).parts(ServicePart.class).get(0);

        assertThat(baseline.command()).contains("-Xmx512m").doesNotContain("-XX:TieredStopAtLevel=1");
    }
}
