package org.shopsuite.bench.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HttpConnectionTest {

    private final ServerSocket server = open();
    private final List<String> requestLines = new CopyOnWriteArrayList<>();
    private final java.util.concurrent.atomic.AtomicInteger connections = new java.util.concurrent.atomic.AtomicInteger();

    @AfterEach
    void close() throws IOException {
        server.close();
    }

    @Test
    void readsChunkedAndLengthBodiesOverOneKeptAliveConnection() throws Exception {
        serve(List.of(
                "HTTP/1.1 200 \r\nX-Cache: L1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n{\"sto\r\n9\r\nck\":97}xx\r\n0\r\n\r\n",
                "HTTP/1.1 201 \r\nContent-Length: 2\r\n\r\n{}"), 1);
        try (HttpConnection http = new HttpConnection(URI.create("http://127.0.0.1:" + server.getLocalPort()))) {
            HttpResponse first = http.get("/api/products/1");
            HttpResponse second = http.postJson("/api/orders", "{\"userId\":1}");

            assertThat(first.status()).isEqualTo(200);
            assertThat(first.cache()).isEqualTo("L1");
            assertThat(first.body()).isEqualTo("{\"stock\":97}xx");
            assertThat(first.longField("stock")).isEqualTo(97);
            assertThat(second.status()).isEqualTo(201);
            assertThat(second.cache()).isNull();
            assertThat(second.body()).isEqualTo("{}");
        }
        Thread.sleep(100);
        assertThat(connections.get()).isEqualTo(1);
        assertThat(requestLines).containsExactly("GET /api/products/1 HTTP/1.1", "POST /api/orders HTTP/1.1");
    }

    @Test
    void opensANewConnectionAfterTheServerSaidClose() throws Exception {
        serve(List.of("HTTP/1.1 200 \r\nContent-Length: 1\r\nConnection: close\r\n\r\na"), 2);
        try (HttpConnection http = new HttpConnection(URI.create("http://127.0.0.1:" + server.getLocalPort()))) {
            assertThat(http.get("/a").body()).isEqualTo("a");
            assertThat(http.get("/b").body()).isEqualTo("a");
        }
        Thread.sleep(100);
        assertThat(connections.get()).isEqualTo(2);
    }

    /** Accepts {@code accepts} connections; on each, answers requests with the responses in turn. */
    private void serve(List<String> responses, int accepts) {
        Thread.ofVirtual().start(() -> {
            for (int a = 0; a < accepts; a++) {
                try (Socket socket = server.accept()) {
                    connections.incrementAndGet();
                    BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                            StandardCharsets.ISO_8859_1));
                    OutputStream out = socket.getOutputStream();
                    for (String response : responses) {
                        String line = in.readLine();
                        requestLines.add(line);
                        int length = 0;
                        for (String header = in.readLine(); !header.isEmpty(); header = in.readLine()) {
                            if (header.startsWith("Content-Length:")) {
                                length = Integer.parseInt(header.substring(15).trim());
                            }
                        }
                        in.skip(length);
                        out.write(response.getBytes(StandardCharsets.ISO_8859_1));
                        out.flush();
                    }
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    private static ServerSocket open() {
        try {
            return new ServerSocket(0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
