package org.shopsuite.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.shopsuite.gateway.GatewayTestSupport;
import org.springframework.test.context.TestPropertySource;

/**
 * The per-address order limit counts the client's real address: {@code X-Forwarded-For} is believed only from a
 * configured proxy (here 127.0.0.2, standing in for nginx), never from anyone else, loopback included. Each address may
 * send two order requests here, then 429. The requests carry an invalid body: the limit is taken before the body is
 * read, so nothing is ordered.
 */
@TestPropertySource(properties = {
        "shop.client-address.trusted-proxies=127.0.0.2",
        "shop.rate-limit.orders.per-client-address.burst=2",
        "shop.rate-limit.orders.per-client-address.per-second=0.001"})
class ClientAddressIT extends GatewayTestSupport {

    @Test
    void aClientThatIsNoTrustedProxyCannotChooseTheAddressItIsCountedAs() throws IOException {
        int[] statuses = new int[3];
        for (int i = 0; i < statuses.length; i++) {
            statuses[i] = postOrder("127.0.0.1", randomAddress()); // a new address each time: all ignored
        }
        assertThat(statuses).as("every request counted against 127.0.0.1 itself").endsWith(429);
    }

    @Test
    void aTrustedProxyNamesTheClientAndEachClientHasItsOwnBucket() throws IOException {
        String client = randomAddress();
        String other = randomAddress();

        assertThat(postOrder("127.0.0.2", "203.0.113.7, " + client)).isEqualTo(400);
        assertThat(postOrder("127.0.0.2", client)).isEqualTo(400);
        assertThat(postOrder("127.0.0.2", client)).as("the client's third request").isEqualTo(429);
        assertThat(postOrder("127.0.0.2", other)).as("another client behind the same proxy").isEqualTo(400);
    }

    /** A documentation-range address (RFC 5737 TEST-NET-3) of its own for each use. */
    private static String randomAddress() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "198.51." + random.nextInt(100, 255) + "." + random.nextInt(1, 255);
    }

    /** {@code POST /api/orders} with an invalid body, sent from {@code source} (a loopback address); the status. */
    private int postOrder(String source, String forwardedFor) throws IOException {
        long user = ThreadLocalRandom.current().nextLong(1_000_000, 2_000_000); // no per-user limit in the way
        String body = "{}";
        String request = "POST /api/orders HTTP/1.1\r\n"
                + "Host: 127.0.0.1:" + port + "\r\n"
                + "Authorization: Bearer " + infra.token(user, false) + "\r\n"
                + "Content-Type: application/json\r\n"
                + "X-Forwarded-For: " + forwardedFor + "\r\n"
                + "Content-Length: " + body.length() + "\r\n"
                + "Connection: close\r\n\r\n" + body;
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(source), 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            String status = new String(in.readNBytes(12), StandardCharsets.US_ASCII); // "HTTP/1.1 400"
            return Integer.parseInt(status.substring(9, 12));
        }
    }
}
