package org.shopsuite.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.shopsuite.stack.Part;
import org.shopsuite.testfixtures.TestInfrastructure;

/**
 * Every part that ./stack starts (the same launchers run here) listens on the loopback address only, so another host
 * on the network cannot reach a database, a cache, the coordinator or a service's internal endpoints. Checked by
 * reading each process's listening sockets from /proc, never by connecting to the machine's other addresses (tests send
 * traffic to loopback only).
 */
class BindAddressIT {

    static final TestInfrastructure infra = TestInfrastructure.sharedSuite();

    @Test
    void everySocketAPartListensOnIsBoundToTheLoopbackAddress() {
        Map<String, List<String>> listening = new LinkedHashMap<>();
        for (Part part : infra.stack().parts()) {
            // The part's port as this machine sees it: the process itself natively, or the engine's port mapping
            // for a part in a container (which listens on every address inside its own network namespace).
            List<String> onItsPort = listening(inode -> true).stream()
                    .filter(address -> address.endsWith(":" + part.port())).toList();
            assertThat(onItsPort).as("%s listens on its port %d", part.name(), part.port()).isNotEmpty();
            listening.put(part.name() + " port " + part.port(), onItsPort);
            if (!part.inContainer()) {
                long pid = part.running().orElseThrow(() -> new AssertionError(part.name() + " is not running")).pid();
                Set<String> inodes = socketInodes(pid);
                listening.put(part.name() + " (pid " + pid + ")", listening(inodes::contains));
            }
        }

        listening.forEach((part, addresses) -> assertThat(addresses).as("addresses %s listens on", part)
                .allSatisfy(address -> assertThat(address).matches("127\\.0\\.0\\.1:\\d+|\\[::1]:\\d+")));
    }

    /** host:port of every TCP socket in LISTEN state (Linux /proc) whose inode the filter accepts. */
    private static List<String> listening(Predicate<String> inode) {
        List<String> addresses = new ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            try (Stream<String> lines = Files.lines(Path.of(table))) {
                lines.skip(1).map(String::trim).map(line -> line.split("\\s+"))
                        .filter(f -> f[3].equals("0A") && inode.test(f[9])) // 0A: LISTEN
                        .forEach(f -> addresses.add(decode(f[1])));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + table + " (this test needs Linux /proc)", e);
            }
        }
        return addresses;
    }

    private static Set<String> socketInodes(long pid) {
        try (Stream<Path> fds = Files.list(Path.of("/proc", String.valueOf(pid), "fd"))) {
            return fds.map(fd -> {
                try {
                    return Files.readSymbolicLink(fd).toString();
                } catch (IOException closedMeanwhile) {
                    return "";
                }
            }).filter(link -> link.startsWith("socket:[")).map(link -> link.substring(8, link.length() - 1))
                    .collect(Collectors.toSet());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the sockets of pid " + pid, e);
        }
    }

    /** "0100007F:1F90" (little-endian 32-bit words, then the port) -> "127.0.0.1:8080". */
    private static String decode(String hexAddressAndPort) {
        String[] parts = hexAddressAndPort.split(":");
        byte[] raw = HexFormat.of().parseHex(parts[0]);
        byte[] address = new byte[raw.length];
        for (int word = 0; word < raw.length; word += 4) {
            for (int i = 0; i < 4; i++) {
                address[word + i] = raw[word + 3 - i];
            }
        }
        try {
            InetAddress inet = InetAddress.getByAddress(address);
            String host = inet instanceof Inet6Address ? "[" + compact(inet) + "]" : inet.getHostAddress();
            return host + ":" + Integer.parseInt(parts[1], 16);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("unexpected address length in /proc/net: " + hexAddressAndPort, e);
        }
    }

    private static String compact(InetAddress inet) {
        if (inet.isLoopbackAddress()) {
            return "::1";
        }
        return inet.isAnyLocalAddress() ? "::" : inet.getHostAddress();
    }
}
