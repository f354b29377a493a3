package org.shopsuite.gateway.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.shopsuite.api.problem.ApiProblem;
import org.springframework.http.HttpStatus;

/** Round-robin, failover, and never placing an order twice, against small local HTTP servers. */
class OrderForwarderTest {

    static final byte[] ORDER = "{\"userId\":1,\"productId\":1,\"quantity\":1}".getBytes(StandardCharsets.UTF_8);

    final List<HttpServer> servers = new ArrayList<>();

    @AfterEach
    void stopServers() {
        servers.forEach(server -> server.stop(0));
    }

    @Test
    void requestsGoToTheInstancesInTurnAndTheirAnswersComeBackAsTheyAre() {
        Instance a = start(Behaviour.ANSWER);
        Instance b = start(Behaviour.ANSWER);
        OrderForwarder forwarder = forwarder(a.url, b.url);

        ForwardedResponse first = forwarder.forward(post("key-1"));
        ForwardedResponse second = forwarder.forward(ForwardedRequest.get("/api/orders/42", "Bearer t"));
        forwarder.forward(post(null));

        assertThat(first.status()).isEqualTo(201);
        assertThat(first.location()).isEqualTo("/api/orders/1");
        assertThat(first.contentType()).isEqualTo("application/json");
        assertThat(second.status()).isEqualTo(201);
        assertThat(a.received).containsExactly("POST /api/orders key-1 application/json", "POST /api/orders - application/json");
        assertThat(b.received).containsExactly("GET /api/orders/42 - -");
    }

    @Test
    void anInstanceThatRefusesConnectionsIsSkippedEvenForAnOrderWithoutKey() {
        URI down = closedPort();
        Instance up = start(Behaviour.ANSWER);
        OrderForwarder forwarder = forwarder(down, up.url);

        for (int i = 0; i < 4; i++) {
            assertThat(forwarder.forward(post(null)).status()).isEqualTo(201);
        }
        assertThat(up.received).hasSize(4);
    }

    @Test
    void withEveryInstanceDownTheAnswerIs503SayingSoWithoutTheirAddresses() {
        OrderForwarder forwarder = forwarder(closedPort(), closedPort());

        assertThatThrownBy(() -> forwarder.forward(post("key-1")))
                .isInstanceOfSatisfying(ApiProblem.class, problem -> {
                    assertThat(problem.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
                    assertThat(problem.detail()).contains("no order-service instance answered")
                            .doesNotContain("http://", "127.0.0.1", "Exception");
                    // the log line with the instances and their errors carries the same id
                    assertThat(problem.body().getProperties()).containsKey("traceId");
                });
    }

    @Test
    void anOrderWithoutKeyThatMayHaveArrivedIsNeverSentAgain() {
        Instance dropping = start(Behaviour.DROP_CONNECTION);
        Instance up = start(Behaviour.ANSWER);
        OrderForwarder forwarder = forwarder(dropping.url, up.url);

        assertThatThrownBy(() -> forwarder.forward(post(null)))
                .isInstanceOfSatisfying(ApiProblem.class, problem -> {
                    assertThat(problem.status()).isEqualTo(HttpStatus.BAD_GATEWAY);
                    assertThat(problem.detail()).contains("may or may not have been placed");
                });
        assertThat(dropping.received).hasSize(1);
        assertThat(up.received).isEmpty();
    }

    @Test
    void anOrderWithoutKeyThatGotNoAnswerInTimeIsNeverSentAgain() {
        Instance slow = start(Behaviour.ANSWER_LATE);
        Instance up = start(Behaviour.ANSWER);
        OrderForwarder forwarder = forwarder(slow.url, up.url);

        assertThatThrownBy(() -> forwarder.forward(post(null)))
                .isInstanceOfSatisfying(ApiProblem.class,
                        problem -> assertThat(problem.status()).isEqualTo(HttpStatus.GATEWAY_TIMEOUT));
        assertThat(up.received).isEmpty();
    }

    @Test
    void anOrderWithAKeyOrAReadIsSentToTheNextInstanceAfterAFailureInFlight() {
        Instance dropping = start(Behaviour.DROP_CONNECTION);
        Instance up = start(Behaviour.ANSWER);
        OrderForwarder forwarder = forwarder(dropping.url, up.url);

        assertThat(forwarder.forward(post("retry-safe")).status()).isEqualTo(201);
        forwarder.forward(post("skip-turn")); // the next request starts at the other instance
        assertThat(forwarder.forward(ForwardedRequest.get("/api/orders/7", "Bearer t")).status()).isEqualTo(201);

        // (The JDK client itself may repeat the read once on the same instance before the gateway moves on.)
        assertThat(dropping.received).first().isEqualTo("POST /api/orders retry-safe application/json");
        assertThat(dropping.received).filteredOn(line -> line.startsWith("POST")).hasSize(1);
        assertThat(dropping.received).contains("GET /api/orders/7 - -");
        assertThat(up.received).containsExactly("POST /api/orders retry-safe application/json",
                "POST /api/orders skip-turn application/json", "GET /api/orders/7 - -");
    }

    @Test
    void aResendGetsOnlyWhatIsLeftOfTheDeadlineAndNoneWhenTooLittleIsLeft() {
        Instance slow = start(Behaviour.ANSWER_LATE);
        Instance up = start(Behaviour.ANSWER);
        OrderForwarder tight = new OrderForwarder(new OrderForwardingProperties(List.of(slow.url, up.url),
                Duration.ofSeconds(1), Duration.ofMillis(500), Duration.ofMillis(1200)));

        assertThatThrownBy(() -> tight.forward(post("late-key")))
                .isInstanceOfSatisfying(ApiProblem.class, problem -> {
                    assertThat(problem.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
                    assertThat(problem.detail()).contains("no order-service instance answered").contains("late-key");
                });
        assertThat(up.received).isEmpty();

        OrderForwarder roomy = new OrderForwarder(new OrderForwardingProperties(List.of(slow.url, up.url),
                Duration.ofSeconds(1), Duration.ofMillis(1500), Duration.ofSeconds(5)));
        assertThat(roomy.forward(post("late-key")).status()).isEqualTo(201);
        assertThat(up.received).containsExactly("POST /api/orders late-key application/json");
    }

    private static ForwardedRequest post(String idempotencyKey) {
        return ForwardedRequest.post("/api/orders", ORDER, "application/json", idempotencyKey, "Bearer t");
    }

    private static OrderForwarder forwarder(URI... instances) {
        // Long enough for a first request on a busy machine, shorter than ANSWER_LATE's 2 s.
        return new OrderForwarder(new OrderForwardingProperties(List.of(instances), Duration.ofSeconds(1),
                Duration.ofMillis(1500)));
    }

    enum Behaviour { ANSWER, ANSWER_LATE, DROP_CONNECTION }

    record Instance(URI url, List<String> received) {
    }

    private Instance start(Behaviour behaviour) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            List<String> received = new CopyOnWriteArrayList<>();
            server.createContext("/", exchange -> handle(exchange, behaviour, received));
            server.start();
            servers.add(server);
            return new Instance(URI.create("http://127.0.0.1:" + server.getAddress().getPort()), received);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void handle(HttpExchange exchange, Behaviour behaviour, List<String> received) throws IOException {
        exchange.getRequestBody().readAllBytes();
        var headers = exchange.getRequestHeaders();
        received.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " "
                + (headers.containsKey("Idempotency-Key") ? headers.getFirst("Idempotency-Key") : "-") + " "
                + (headers.containsKey("Content-Type") ? headers.getFirst("Content-Type") : "-"));
        switch (behaviour) {
            case DROP_CONNECTION -> exchange.close(); // the request arrived; no answer ever leaves
            case ANSWER_LATE -> {
                sleep(Duration.ofSeconds(2));
                answer(exchange);
            }
            case ANSWER -> answer(exchange);
        }
    }

    private static void answer(HttpExchange exchange) throws IOException {
        byte[] body = "{\"orderId\":1}".getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("Location", "/api/orders/1");
        exchange.sendResponseHeaders(201, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    private static URI closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
