package org.shopsuite.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Where the stack lives, which address its parts listen on and which ports they use. The native stack reads the
 * contract's defaults and their {@code SHOP_*} overrides; tests get the same shape on free ports in a private
 * directory.
 *
 * @param bindAddress the address every part listens on: {@value #DEFAULT_BIND_ADDRESS} unless
 *                    {@code SHOP_BIND_ADDRESS} says otherwise, so nothing answers other hosts on the network
 * @param host        the address the parts (and ./stack) connect to: the bind address, or the loopback address
 *                    when the parts listen on every interface
 * @param startupCache whether services start from a JDK ahead-of-time cache ({@link StartupCache}): on for
 *                    {@code ./stack} unless {@code SHOP_STARTUP_CACHE=off}; off for tests, whose stack directory
 *                    lives for one run only
 * @param quickJit    whether JVM parts run with the C1 compiler only ({@code -XX:TieredStopAtLevel=1}, as Spring
 *                    Boot's own {@code spring-boot:run} does): about 40 % less CPU per start, lower peak speed.
 *                    {@code SHOP_QUICK_JIT=on|off} when set; otherwise on for {@code ./stack} unless
 *                    {@code SHOP_BENCH_ENABLED=true}; off for tests
 * @param quickJitOnOrderPath whether order-, account- and inventory-service run the quick JIT even when the rest
 *                    does not ({@link #forOrderPath()}): {@code SHOP_QUICK_JIT_ORDER_PATH=on}; off by default, so a
 *                    benchmark measures the full JIT its goals are stated for
 */
public record StackSettings(
        Path projectRoot,
        Path stackDir,
        String bindAddress,
        String host,
        int mysqlPort,
        List<Integer> redisPorts,
        List<Integer> sentinelPorts,
        int seataPort,
        int seataConsolePort,
        int canalPort,
        int accountPort,
        int inventoryPort,
        List<Integer> orderPorts,
        List<Integer> gatewayPorts,
        int canalSyncPort,
        int authPort,
        boolean startupCache,
        boolean quickJit,
        boolean quickJitOnOrderPath) {

    public static final String SENTINEL_MASTER_NAME = "mymaster";
    public static final String DEFAULT_BIND_ADDRESS = "127.0.0.1";

    public StackSettings {
        require(redisPorts, 3, "SHOP_REDIS_PORTS (master,replica,replica)");
        require(sentinelPorts, 3, "SHOP_SENTINEL_PORTS");
        require(orderPorts, 2, "SHOP_ORDER_PORTS");
        require(gatewayPorts, 2, "SHOP_GATEWAY_PORTS");
    }

    /** The contract's ports, each overridable by its environment variable. */
    public static StackSettings fromEnvironment(Path projectRoot, Map<String, String> env) {
        Path stackDir = Path.of(env.getOrDefault("SHOP_STACK_DIR", projectRoot.resolve(".stack").toString()))
                .toAbsolutePath();
        List<Integer> seata = ports(env, "SHOP_SEATA_PORT", "8091");
        int seataPort = seata.get(0);
        // The coordinator's console defaults to 1000 below its RPC port (8091 -> 7091), or is given as "8091,7091".
        int seataConsole = seata.size() > 1 ? seata.get(1) : seataPort - 1000;
        String bindAddress = bindAddress(env);
        return new StackSettings(
                projectRoot,
                stackDir,
                bindAddress,
                connectAddress(bindAddress),
                ports(env, "SHOP_MYSQL_PORT", "3307").get(0),
                ports(env, "SHOP_REDIS_PORTS", "6380,6381,6382"),
                ports(env, "SHOP_SENTINEL_PORTS", "26380,26381,26382"),
                seataPort,
                seataConsole,
                ports(env, "SHOP_CANAL_PORT", "11111").get(0),
                ports(env, "SHOP_ACCOUNT_PORT", "8081").get(0),
                ports(env, "SHOP_INVENTORY_PORT", "8082").get(0),
                ports(env, "SHOP_ORDER_PORTS", "8083,8084"),
                ports(env, "SHOP_GATEWAY_PORTS", "8080,8090"),
                ports(env, "SHOP_CANAL_SYNC_PORT", "8085").get(0),
                ports(env, "SHOP_AUTH_PORT", "8087").get(0),
                onOff(env, "SHOP_STARTUP_CACHE"),
                quickJit(env),
                "on".equalsIgnoreCase(env.getOrDefault("SHOP_QUICK_JIT_ORDER_PATH", "off").trim()));
    }

    /** Same shape on free ports, so tests can run beside a running {@code ./stack up}. */
    public static StackSettings onFreePorts(Path projectRoot, Path stackDir) {
        try (FreePorts free = new FreePorts()) {
            return new StackSettings(projectRoot, stackDir, DEFAULT_BIND_ADDRESS, DEFAULT_BIND_ADDRESS,
                    free.one(), free.some(3), free.some(3), free.one(), free.one(), free.one(),
                    free.one(), free.one(), free.some(2), free.some(2), free.one(), free.one(), false, false, false);
        }
    }

    /** The development issuer's address: what every token names in {@code iss}, and where the services find its keys. */
    public String authIssuer() {
        return "http://" + host + ":" + authPort;
    }

    public int redisMasterPort() {
        return redisPorts.get(0);
    }

    public Path partDir(String part) {
        return stackDir.resolve(part);
    }

    public Path logFile(String part) {
        return stackDir.resolve("logs").resolve(part + ".log");
    }

    public Path pidFile(String part) {
        return stackDir.resolve("run").resolve(part + ".pid");
    }

    /** Environment variables that hand these ports to the suite's services (read by their application.yml). */
    public String sentinelNodes() {
        return String.join(",", sentinelPorts.stream().map(p -> host + ":" + p).toList());
    }

    /**
     * SHOP_BIND_ADDRESS: one IPv4 address. No host names (every part must read it the same way) and no IPv6 (the
     * parts' URLs and options take it as it is, without brackets).
     */
    private static String bindAddress(Map<String, String> env) {
        String value = env.getOrDefault("SHOP_BIND_ADDRESS", DEFAULT_BIND_ADDRESS).trim();
        if (!value.matches("(25[0-5]|2[0-4]\\d|1?\\d?\\d)(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){3}")) {
            throw new IllegalArgumentException("SHOP_BIND_ADDRESS=" + value + " is not an IPv4 address (like "
                    + DEFAULT_BIND_ADDRESS + ", or 0.0.0.0 for every interface)");
        }
        return value;
    }

    /** {@code SHOP_QUICK_JIT} when it is set; otherwise on, except for a benchmark ({@code SHOP_BENCH_ENABLED=true}). */
    private static boolean quickJit(Map<String, String> env) {
        if (env.containsKey("SHOP_QUICK_JIT")) {
            return onOff(env, "SHOP_QUICK_JIT");
        }
        return !"true".equalsIgnoreCase(env.getOrDefault("SHOP_BENCH_ENABLED", "").trim());
    }

    private static boolean onOff(Map<String, String> env, String name) {
        String value = env.getOrDefault(name, "on").trim().toLowerCase(java.util.Locale.ROOT);
        return switch (value) {
            case "on", "true", "" -> true;
            case "off", "false" -> false;
            default -> throw new IllegalArgumentException(name + "=" + value + ": use on or off");
        };
    }

    /** These settings with the full JIT: what a benchmark measures, however the stack was started. */
    public StackSettings withFullJit() {
        return new StackSettings(projectRoot, stackDir, bindAddress, host, mysqlPort, redisPorts, sentinelPorts,
                seataPort, seataConsolePort, canalPort, accountPort, inventoryPort, orderPorts, gatewayPorts,
                canalSyncPort, authPort, startupCache, false, false);
    }

    /**
     * The settings of order-, account- and inventory-service: the quick JIT in a benchmark too when
     * {@code SHOP_QUICK_JIT_ORDER_PATH=on}. Most of an order's code runs once per order, so under a benchmark's load the C2
     * compiler was still compiling it minutes later (27-40 % of these services' CPU); the long-lived hot loops of the
     * coordinator, Canal, canal-sync and the gateways keep the full JIT there (BENCHMARKS.md, "Profile of an order").
     */
    public StackSettings forOrderPath() {
        return new StackSettings(projectRoot, stackDir, bindAddress, host, mysqlPort, redisPorts, sentinelPorts,
                seataPort, seataConsolePort, canalPort, accountPort, inventoryPort, orderPorts, gatewayPorts,
                canalSyncPort, authPort, startupCache, quickJit || quickJitOnOrderPath, quickJitOnOrderPath);
    }

    /** The options every JVM part of the stack runs with (heap and collector, and the JIT: {@link #quickJit}). */
    public List<String> jvmOptions(String minHeap, String maxHeap) {
        List<String> options = new ArrayList<>(List.of("-Xms" + minHeap, "-Xmx" + maxHeap, "-XX:+UseSerialGC"));
        if (quickJit) {
            options.add("-XX:TieredStopAtLevel=1");
        }
        return options;
    }

    /** Where to connect to a part listening on {@code bindAddress}: the wildcard is reached over the loopback. */
    private static String connectAddress(String bindAddress) {
        return bindAddress.equals("0.0.0.0") ? DEFAULT_BIND_ADDRESS : bindAddress;
    }

    private static List<Integer> ports(Map<String, String> env, String name, String defaults) {
        String value = env.getOrDefault(name, defaults).trim();
        try {
            return Arrays.stream(value.split("[,\\s]+")).map(Integer::parseInt).toList();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + "=" + value + " is not a comma-separated list of ports (like "
                    + defaults + ")");
        }
    }

    private static void require(List<Integer> ports, int count, String what) {
        if (ports.size() != count) {
            throw new IllegalArgumentException(what + " needs " + count + " ports, got " + ports);
        }
    }

    /**
     * Ports the kernel says are free, each distinct: every probe socket stays open until all ports are chosen. (Closed
     * one by one, the kernel may hand the same port out twice, and two parts then collide.)
     */
    private static final class FreePorts implements AutoCloseable {
        private final List<ServerSocket> held = new ArrayList<>();

        int one() {
            try {
                ServerSocket socket = new ServerSocket(0);
                held.add(socket);
                return socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException("no free TCP port on this machine", e);
            }
        }

        List<Integer> some(int count) {
            List<Integer> ports = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                ports.add(one());
            }
            return ports;
        }

        @Override
        public void close() {
            for (ServerSocket socket : held) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // only a probe
                }
            }
        }
    }

    /** The repository root: {@code -Dshop.root}, or the nearest directory above the working one holding {@code sql/}. */
    public static Path findProjectRoot() {
        String configured = System.getProperty("shop.root", System.getenv("SHOP_ROOT"));
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("sql")) && Files.isRegularFile(dir.resolve("stack"))) {
                return dir;
            }
        }
        throw new IllegalStateException("cannot find the shopsuite checkout above " + Path.of("").toAbsolutePath()
                + ": run from inside it or set -Dshop.root");
    }
}
