package org.shopsuite.systemtest.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.shopsuite.api.internalauth.InternalCallSignature;
import org.shopsuite.stack.InternalAuthKey;
import org.shopsuite.testfixtures.SuiteHttp;
import org.shopsuite.testfixtures.SuiteHttp.Reply;
import org.shopsuite.testfixtures.TestInfrastructure;

/**
 * The participants' {@code /internal/**} endpoints, called directly as anyone on the network could: they answer only
 * the suite's own services (a signed service credential), only inside a global transaction the coordinator knows as
 * begun, and only for amounts and quantities the public API would accept. Every refusal is a 4xx problem and changes
 * nothing: balance, frozen amount, stock and frozen stock stay as they were.
 */
class InternalEndpointsIT {

    static final TestInfrastructure infra = TestInfrastructure.sharedSuite();
    static final Ledger ledger = new Ledger(infra);

    private static final byte[] SUITE_KEY = InternalCallSignature.decodeKey(InternalAuthKey.of(infra.settings()));

    /** The three calls of the report, each of which used to change a row with no order behind it. */
    static Stream<Arguments> reportedCalls() {
        return Stream.of(
                Arguments.of("account", "xa-debits", "{\"amount\": 50}"),
                Arguments.of("account", "tcc-reservations", "{\"amount\": 50}"),
                Arguments.of("inventory", "xa-deductions", "{\"quantity\": -500}"));
    }

    /** Every phase endpoint with input the public API would accept. */
    static Stream<Arguments> validCallsToEveryEndpoint() {
        return Stream.of(
                Arguments.of("account", "xa-debits", "{\"amount\": 50}"),
                Arguments.of("account", "tcc-reservations", "{\"amount\": 50}"),
                Arguments.of("inventory", "xa-deductions", "{\"quantity\": 5}"),
                Arguments.of("inventory", "tcc-reservations", "{\"quantity\": 5}"));
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("reportedCalls")
    void aCallerWithoutTheServiceCredentialIsRefusedWithOrWithoutAnXid(String owner, String endpoint, String body) {
        Fixture fixture = Fixture.create();

        for (String xid : new String[] {null, madeUpXid()}) {
            Reply unsigned = fixture.call(owner, endpoint, body, xid, Credential.NONE);
            Reply foreign = fixture.call(owner, endpoint, body, xid, Credential.FOREIGN_KEY);

            assertThat(unsigned.status()).as("no credential, xid %s: %s", xid, unsigned).isEqualTo(401);
            assertThat(unsigned.isProblem()).as(unsigned.toString()).isTrue();
            assertThat(foreign.status()).as("signed with another key, xid %s: %s", xid, foreign).isEqualTo(401);
        }
        fixture.assertUnchanged();
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource({"reportedCalls", "validCallsToEveryEndpoint"})
    void aCallOutsideAnyGlobalTransactionIsRefused(String owner, String endpoint, String body) {
        Fixture fixture = Fixture.create();

        Reply reply = fixture.call(owner, endpoint, body, null, Credential.SUITE);

        assertThat(reply.status()).as(reply.toString()).isBetween(400, 499);
        assertThat(reply.isProblem()).as(reply.toString()).isTrue();
        fixture.assertUnchanged();
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource({"reportedCalls", "validCallsToEveryEndpoint"})
    void aCallInAGlobalTransactionTheCoordinatorNeverBeganIsRefused(String owner, String endpoint, String body) {
        Fixture fixture = Fixture.create();

        for (String xid : new String[] {madeUpXid(), "made-up-xid"}) {
            Reply reply = fixture.call(owner, endpoint, body, xid, Credential.SUITE);

            assertThat(reply.status()).as("xid %s: %s", xid, reply).isBetween(400, 499);
            assertThat(reply.isProblem()).as(reply.toString()).isTrue();
        }
        fixture.assertUnchanged();
    }

    static Stream<Arguments> invalidAmounts() {
        return Stream.of("0", "-50", "0.001", "50.005", "100000000.00", "1e-3", "\"50\"", "true", "null", "{}")
                .flatMap(amount -> Stream.of("xa-debits", "tcc-reservations").map(endpoint -> Arguments.of(endpoint,
                        amount.equals("{}") ? "{}" : "{\"amount\": " + amount + "}")));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("invalidAmounts")
    void anAmountThePublicApiWouldNotAcceptIsRefusedNamingTheField(String endpoint, String body) {
        Fixture fixture = Fixture.create();

        for (String xid : new String[] {null, madeUpXid()}) {
            Reply reply = fixture.call("account", endpoint, body, xid, Credential.SUITE);

            assertThat(reply.status()).as("xid %s: %s", xid, reply).isEqualTo(400);
            assertThat(reply.problemSlug()).as(reply.toString()).isEqualTo("invalid-request");
            assertThat(reply.json().path("detail").asText()).as(reply.toString()).contains("amount");
        }
        fixture.assertUnchanged();
    }

    static Stream<Arguments> invalidQuantities() {
        return Stream.of("0", "-500", "1001", "1.5", "1.0", "1e3", "\"1\"", "true", "3000000000", "null", "{}")
                .flatMap(quantity -> Stream.of("xa-deductions", "tcc-reservations").map(endpoint -> Arguments.of(
                        endpoint, quantity.equals("{}") ? "{}" : "{\"quantity\": " + quantity + "}")));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("invalidQuantities")
    void aQuantityThePublicApiWouldNotAcceptIsRefusedNamingTheField(String endpoint, String body) {
        Fixture fixture = Fixture.create();

        for (String xid : new String[] {null, madeUpXid()}) {
            Reply reply = fixture.call("inventory", endpoint, body, xid, Credential.SUITE);

            assertThat(reply.status()).as("xid %s: %s", xid, reply).isEqualTo(400);
            assertThat(reply.problemSlug()).as(reply.toString()).isEqualTo("invalid-request");
            assertThat(reply.json().path("detail").asText()).as(reply.toString()).contains("quantity");
        }
        fixture.assertUnchanged();
    }

    @Test
    void aSignatureMadeForAnotherBodyIsRefused() {
        Fixture fixture = Fixture.create();
        String path = fixture.path("account", "xa-debits");
        String signedFor = "{\"amount\": 1}";
        String header = InternalCallSignature.sign(SUITE_KEY, Instant.now().getEpochSecond(), "POST", path, null,
                signedFor.getBytes(StandardCharsets.UTF_8));

        Reply reply = send(fixture.url("account", path), "{\"amount\": 50}",
                Map.of(InternalCallSignature.HEADER, header));

        assertThat(reply.status()).as(reply.toString()).isEqualTo(401);
        fixture.assertUnchanged();
    }

    @Test
    void theSuitesOwnServicesStillCallThemInsideTheirGlobalTransactions() {
        Fixture fixture = Fixture.create();
        SuiteClient client = new SuiteClient(infra);

        assertThat(client.placeOrder(fixture.user, fixture.product, 2, "XA").status()).isEqualTo(201);
        assertThat(client.placeOrder(fixture.user, fixture.product, 3, "TCC").status()).isEqualTo(201);

        assertThat(ledger.balance(fixture.user)).isEqualByComparingTo("87.50");
        assertThat(ledger.stock(fixture.product)).isEqualTo(5);
    }

    /**
     * A copy of each phase call order-service made, sent again while its global transaction is still open (the order
     * held before its commit): the participant has applied that branch once already, so the copy is refused and
     * changes nothing; the order completes as if it had never come, charging and taking once.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"XA", "TCC"})
    void aReplayedPhaseCallInsideItsOpenGlobalTransactionChangesNothing(String mode) throws Exception {
        Fixture fixture = Fixture.create();
        SuiteClient client = new SuiteClient(infra);

        CompletableFuture<Reply> placing = CompletableFuture.supplyAsync(() -> client.placeOrder(0, fixture.user,
                fixture.product, 4, mode, null, Map.of("X-Shop-Fault", "pause-before-commit:order-service:10000")));
        // XA: the three branches are prepared; TCC: the three tries are done (the order's try sets its amount)
        await().atMost(Duration.ofSeconds(30)).until(() -> mode.equals("XA") ? ledger.preparedXa().size() >= 3
                : ledger.amountOfOrders(fixture.user).signum() > 0);
        String xid = ledger.xidsOfOrders(fixture.user).get(0);

        String account = mode.equals("XA") ? "xa-debits" : "tcc-reservations";
        String inventory = mode.equals("XA") ? "xa-deductions" : "tcc-reservations";
        Reply debitAgain = fixture.call("account", account, "{\"amount\":10.00}", xid, Credential.SUITE);
        Reply stockAgain = fixture.call("inventory", inventory, "{\"quantity\":4}", xid, Credential.SUITE);

        assertThat(debitAgain.status()).as(debitAgain.toString()).isEqualTo(409);
        assertThat(debitAgain.isProblem()).as(debitAgain.toString()).isTrue();
        assertThat(stockAgain.status()).as(stockAgain.toString()).isEqualTo(409);
        assertThat(stockAgain.isProblem()).as(stockAgain.toString()).isTrue();
        Reply placed = placing.get();
        assertThat(placed.status()).as(placed.toString()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(ledger.balance(fixture.user)).isEqualByComparingTo("90.00");
            assertThat(ledger.frozen(fixture.user)).isEqualByComparingTo("0");
            assertThat(ledger.stock(fixture.product)).isEqualTo(6);
            assertThat(ledger.frozenStock(fixture.product)).isZero();
        });
        // and once the global transaction is over, a copy is refused just the same
        Reply debitAfter = fixture.call("account", account, "{\"amount\":10.00}", xid, Credential.SUITE);
        assertThat(debitAfter.status()).as(debitAfter.toString()).isBetween(400, 499);
        assertThat(ledger.balance(fixture.user)).isEqualByComparingTo("90.00");
    }

    /** Looks like a real XID of this suite's coordinator, but no global transaction ever had it. */
    private static String madeUpXid() {
        return infra.seata().address() + ":" + (4_000_000_000_000_000L + new SecureRandom().nextInt(1_000_000));
    }

    enum Credential { NONE, FOREIGN_KEY, SUITE }

    /** A fresh user and product, and what they held before the calls. */
    private record Fixture(long user, long product) {

        static Fixture create() {
            return new Fixture(ledger.newUser("100.00"), ledger.newProduct("2.50", 10));
        }

        String path(String owner, String endpoint) {
            return owner.equals("account")
                    ? "/internal/accounts/" + user + "/" + endpoint
                    : "/internal/inventory/" + product + "/" + endpoint;
        }

        String url(String owner, String path) {
            return infra.baseUrl(infra.service(owner + "-service")) + path;
        }

        Reply call(String owner, String endpoint, String body, String xid, Credential credential) {
            String path = path(owner, endpoint);
            Map<String, String> headers = new HashMap<>();
            if (xid != null) {
                headers.put("TX_XID", xid);
            }
            byte[] key = switch (credential) {
                case NONE -> null;
                case FOREIGN_KEY -> randomKey();
                case SUITE -> SUITE_KEY;
            };
            if (key != null) {
                headers.put(InternalCallSignature.HEADER, InternalCallSignature.sign(key,
                        Instant.now().getEpochSecond(), "POST", path, xid, body.getBytes(StandardCharsets.UTF_8)));
            }
            return send(url(owner, path), body, headers);
        }

        void assertUnchanged() {
            assertThat(ledger.balance(user)).as("balance").isEqualByComparingTo("100.00");
            assertThat(ledger.frozen(user)).as("frozen").isEqualByComparingTo("0");
            assertThat(ledger.stock(product)).as("stock").isEqualTo(10);
            assertThat(ledger.frozenStock(product)).as("frozen stock").isZero();
        }
    }

    private static byte[] randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return InternalCallSignature.decodeKey(Base64.getEncoder().encodeToString(key));
    }

    private static Reply send(String url, String body, Map<String, String> headers) {
        HttpRequest.Builder request = SuiteHttp.post(url, body, null, Duration.ofSeconds(30));
        headers.forEach(request::header);
        return SuiteHttp.send(request);
    }
}
