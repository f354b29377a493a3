package org.shopsuite.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.shopsuite.stack.Part;
import org.shopsuite.testfixtures.TestInfrastructure;

/**
 * Every part that ./stack starts (the same launchers run here) listens on the loopback address only: nothing answers
 * on this machine's other addresses, so another host on the network cannot reach a database, a cache, the
 * coordinator or a service's internal endpoints.
 */
class BindAddressIT {

    static final TestInfrastructure infra = TestInfrastructure.sharedSuite();

    @Test
    void noPartAnswersOnANonLoopbackAddressOfThisMachine() {
        List<InetAddress> outside = nonLoopbackAddresses();
        if (outside.isEmpty()) {
            fail("this machine has no non-loopback address, so this test cannot show that the parts refuse"
                    + " connections from outside; run it on a machine with a network interface");
        }
        Map<String, Integer> ports = portsOfEveryPart();

        for (var port : ports.entrySet()) {
            assertThat(answers(InetAddress.getLoopbackAddress(), port.getValue()))
                    .as("%s answers on 127.0.0.1:%d (else the checks below prove nothing)", port.getKey(),
                            port.getValue()).isTrue();
            for (InetAddress address : outside) {
                assertThat(answers(address, port.getValue()))
                        .as("%s answers on %s:%d", port.getKey(), address.getHostAddress(), port.getValue())
                        .isFalse();
            }
        }
    }

    @Test
    void everySocketAPartListensOnIsBoundToTheLoopbackAddress() {
        Map<String, List<String>> listening = new LinkedHashMap<>();
        for (Part part : infra.stack().parts()) {
            long pid = part.running().orElseThrow(() -> new AssertionError(part.name() + " is not running")).pid();
            listening.put(part.name() + " (pid " + pid + ")", listeningAddresses(pid));
        }

        assertThat(listening.values().stream().mapToInt(List::size).sum()).as("listening sockets found: %s", listening)
                .isGreaterThanOrEqualTo(infra.stack().parts().size());
        listening.forEach((part, addresses) -> assertThat(addresses).as("addresses %s listens on", part)
                .allSatisfy(address -> assertThat(address).matches("127\\.0\\.0\\.1:\\d+|\\[::1]:\\d+")));
    }

    private static Map<String, Integer> portsOfEveryPart() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (Part part : infra.stack().parts()) {
            ports.put(part.name(), part.port());
        }
        ports.put("seata console", infra.settings().seataConsolePort());
        return ports;
    }

    private static List<InetAddress> nonLoopbackAddresses() {
        try {
            return NetworkInterface.networkInterfaces()
                    .filter(BindAddressIT::isUp)
                    .flatMap(NetworkInterface::inetAddresses)
                    .filter(a -> !a.isLoopbackAddress() && !a.isLinkLocalAddress() && !a.isAnyLocalAddress())
                    .toList();
        } catch (SocketException e) {
            throw new UncheckedIOException("cannot list this machine's network interfaces", e);
        }
    }

    private static boolean isUp(NetworkInterface nic) {
        try {
            return nic.isUp() && !nic.isLoopback();
        } catch (SocketException e) {
            return false;
        }
    }

    private static boolean answers(InetAddress address, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 2000);
            return true;
        } catch (IOException refusedOrUnreachable) {
            return false;
        }
    }

    /** host:port of every TCP socket in LISTEN state that the process holds (Linux /proc). */
    private static List<String> listeningAddresses(long pid) {
        Set<String> inodes = socketInodes(pid);
        List<String> addresses = new ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            try (Stream<String> lines = Files.lines(Path.of(table))) {
                lines.skip(1).map(String::trim).map(line -> line.split("\\s+"))
                        .filter(f -> f[3].equals("0A") && inodes.contains(f[9])) // 0A: LISTEN
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
