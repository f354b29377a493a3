package org.shopsuite.systemtest.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.shopsuite.stack.DevIssuer;
import org.shopsuite.stack.StackSecret;
import org.shopsuite.systemtest.order.Ledger;
import org.shopsuite.systemtest.order.SuiteClient;
import org.shopsuite.testfixtures.StandInIssuer;
import org.shopsuite.testfixtures.SuiteHttp;
import org.shopsuite.testfixtures.SuiteHttp.Reply;
import org.shopsuite.testfixtures.TestInfrastructure;

/**
 * Who may do what, against the real suite and its real issuer: tokens are checked for signature, expiry, issuer and
 * audience at the gateways and at every service; users see and spend only their own; operators read everything;
 * orders are rate-limited per user across both gateways; the actuator is closed but for health.
 */
class AuthIT {

    static final TestInfrastructure infra = TestInfrastructure.sharedSuite();
    static final SuiteClient client = new SuiteClient(infra);
    static final Ledger ledger = new Ledger(infra);
    static final ObjectMapper JSON = new ObjectMapper();

    // ---- tokens that must be refused

    @ParameterizedTest
    @EnumSource(BadToken.class)
    void aBadTokenIs401WithWwwAuthenticateBearerAndAProblemAtTheGatewaysAndEveryService(BadToken bad) throws Exception {
        long user = ledger.newUser("100.00");
        long product = ledger.newProduct("1.00", 10);
        String token = bad.make(Tokens.realKey(infra), infra.settings().authIssuer(), user);
        String order = order(user, product);
        long ordersBefore = ledger.orderCount();

        List<Reply> replies = List.of(
                client.getWith(client.gateway(0) + "/api/accounts/" + user, token),
                client.getWith(client.gateway(1) + "/api/orders?idempotencyKey=k-" + user, token),
                client.postOrder(client.gateway(0), order, token, null, Map.of()),
                client.getWith(service("account-service") + "/api/accounts/" + user, token),
                client.getWith(service("order-service-1") + "/api/orders/1", token),
                client.postOrder(service("order-service-2"), order, token, null, Map.of()));

        for (Reply reply : replies) {
            assertThat(reply.status()).as(bad + ": " + reply).isEqualTo(401);
            assertThat(reply.header("WWW-Authenticate")).as(bad + ": " + reply).startsWith("Bearer");
            assertThat(reply.header("Content-Type")).as(bad + ": " + reply).startsWith("application/problem+json");
            assertThat(reply.problemSlug()).as(bad + ": " + reply).isEqualTo("unauthenticated");
            assertThat(reply.json().path("status").asInt()).isEqualTo(401);
        }
        assertThat(ledger.orderCount()).isEqualTo(ordersBefore);
        assertThat(ledger.balance(user)).isEqualByComparingTo("100.00");
    }

    /** The control for the test above: a token made the same way, with the issuer's key and good claims, is taken. */
    @Test
    void aTokenCraftedLikeTheBadOnesButRightIsAccepted() throws Exception {
        long user = ledger.newUser("100.00");
        String token = StandInIssuer.signed(Tokens.realKey(infra), StandInIssuer.claims(infra.settings().authIssuer(), user));

        assertThat(client.getWith(client.gateway(0) + "/api/accounts/" + user, token).status()).isEqualTo(200);
        assertThat(client.getWith(service("account-service") + "/api/accounts/" + user, token).status()).isEqualTo(200);
    }

    // ---- whose data

    @Test
    void aUserReadsTheirOwnBalanceAndGets403ForAnothersAtTheGatewaysAndTheService() {
        long a = ledger.newUser("100.00");
        long b = ledger.newUser("200.00");
        String tokenOfA = infra.token(a, false);

        for (String base : List.of(client.gateway(0), client.gateway(1), service("account-service"))) {
            Reply own = client.getWith(base + "/api/accounts/" + a, tokenOfA);
            Reply others = client.getWith(base + "/api/accounts/" + b, tokenOfA);
            assertThat(own.status()).as(base + " " + own).isEqualTo(200);
            assertThat(own.json().path("balance").decimalValue()).isEqualByComparingTo("100.00");
            assertThat(others.status()).as(base + " " + others).isEqualTo(403);
            assertThat(others.header("Content-Type")).startsWith("application/problem+json");
            assertThat(others.problemSlug()).isEqualTo("forbidden");
            assertThat(others.json().has("balance")).isFalse();
        }
    }

    @Test
    void anotherUsersOrderIsNotFoundByIdNorByIdempotencyKey() {
        long a = ledger.newUser("100.00");
        long b = ledger.newUser("100.00");
        long product = ledger.newProduct("1.00", 10);
        String key = "auth-it-" + a;
        Reply placed = client.placeOrderAt(client.gateway(0), a, product, 1, "XA", key, Map.of());
        assertThat(placed.status()).as(placed.toString()).isEqualTo(201);
        long orderId = placed.json().path("orderId").asLong();
        String tokenOfA = infra.token(a, false);
        String tokenOfB = infra.token(b, false);

        for (String base : List.of(client.gateway(1), service("order-service-1"), service("order-service-2"))) {
            Reply byIdForB = client.getWith(base + "/api/orders/" + orderId, tokenOfB);
            Reply byKeyForB = client.getWith(base + "/api/orders?idempotencyKey=" + key, tokenOfB);
            assertThat(byIdForB.status()).as(base + " " + byIdForB).isEqualTo(404);
            assertThat(byKeyForB.status()).as(base + " " + byKeyForB).isEqualTo(404);
            // exactly what an order that does not exist looks like
            assertThat(byIdForB.json().path("title").asText()).isEqualTo("Order not found");
            assertThat(client.getWith(base + "/api/orders/" + orderId, tokenOfA).status()).isEqualTo(200);
            assertThat(client.getWith(base + "/api/orders?idempotencyKey=" + key, tokenOfA).json().path("orderId")
                    .asLong()).isEqualTo(orderId);
        }
    }

    @Test
    void orderingWithAnotherUsersIdIs403AndChangesNothing() {
        long a = ledger.newUser("100.00");
        long b = ledger.newUser("100.00");
        long product = ledger.newProduct("1.00", 10);
        String tokenOfA = infra.token(a, false);
        Snapshot before = Snapshot.of(a, b, product);

        for (String base : List.of(client.gateway(0), client.gateway(1), service("order-service-1"))) {
            Reply refused = client.postOrder(base, order(b, product), tokenOfA, "auth-it-steal-" + base.hashCode() + a,
                    Map.of());
            assertThat(refused.status()).as(base + " " + refused).isEqualTo(403);
            assertThat(refused.problemSlug()).isEqualTo("forbidden");
            assertThat(refused.json().path("detail").asText()).contains("userId " + b);
        }

        assertThat(Snapshot.of(a, b, product)).isEqualTo(before);
    }

    @Test
    void anOrderWithoutUserIdIsPlacedForTheTokensUser() {
        long a = ledger.newUser("100.00");
        long product = ledger.newProduct("2.50", 10);

        Reply placed = client.postOrder(client.gateway(0), "{\"productId\":" + product + ",\"quantity\":2,\"mode\":\"TCC\"}",
                infra.token(a, false), null, Map.of());

        assertThat(placed.status()).as(placed.toString()).isEqualTo(201);
        assertThat(placed.json().path("userId").asLong()).isEqualTo(a);
        assertThat(ledger.balance(a)).isEqualByComparingTo("95.00");
    }

    @Test
    void anOperatorReadsEveryonesBalancesAndOrders() {
        long a = ledger.newUser("100.00");
        long b = ledger.newUser("250.00");
        long product = ledger.newProduct("1.00", 10);
        String key = "auth-it-admin-" + a;
        long orderId = client.placeOrderAt(client.gateway(0), a, product, 1, "XA", key, Map.of()).json()
                .path("orderId").asLong();
        String operator = infra.token(SuiteClient.OPERATOR, true);

        for (String gateway : List.of(client.gateway(0), client.gateway(1))) {
            assertThat(client.getWith(gateway + "/api/accounts/" + b, operator).json().path("balance").decimalValue())
                    .isEqualByComparingTo("250.00");
            assertThat(client.getWith(gateway + "/api/accounts/" + a, operator).status()).isEqualTo(200);
            assertThat(client.getWith(gateway + "/api/orders/" + orderId, operator).json().path("userId").asLong())
                    .isEqualTo(a);
            assertThat(client.getWith(gateway + "/api/orders?idempotencyKey=" + key, operator).status()).isEqualTo(200);
        }
        assertThat(client.getWith(service("account-service") + "/api/accounts/" + b, operator).status()).isEqualTo(200);
        assertThat(client.getWith(service("order-service-2") + "/api/orders/" + orderId, operator).status())
                .isEqualTo(200);
    }

    @Test
    void productsArePublic() {
        assertThat(client.getWith(client.gateway(0) + "/api/products/1", null).status()).isEqualTo(200);
        assertThat(client.getWith(service("inventory-service") + "/api/products/1", null).status()).isEqualTo(200);
    }

    // ---- the actuator

    @Test
    void healthIsOpenWithoutDetailsAndTheRestOfTheActuatorNeedsShopAdmin() {
        String user = infra.token(ledger.newUser("1.00"), false);
        String operator = infra.token(SuiteClient.OPERATOR, true);
        for (String service : List.of("cache-gateway-1", "account-service", "inventory-service", "order-service-1",
                "canal-sync")) {
            String base = service(service);
            Reply health = client.getWith(base + "/actuator/health", null);
            assertThat(health.status()).as(service).isEqualTo(200);
            assertThat(health.json().path("status").asText()).as(service).isEqualTo("UP");
            assertThat(health.json().has("components")).as(service + " " + health).isFalse();
            assertThat(client.getWith(base + "/actuator/health", operator).json().has("components")).as(service)
                    .isTrue();

            Reply anonymous = client.getWith(base + "/actuator/prometheus", null);
            assertThat(anonymous.status()).as(service).isEqualTo(401);
            assertThat(anonymous.header("WWW-Authenticate")).startsWith("Bearer");
            Reply ofAUser = client.getWith(base + "/actuator/prometheus", user);
            assertThat(ofAUser.status()).as(service).isEqualTo(403);
            assertThat(ofAUser.problemSlug()).isEqualTo("forbidden");
            assertThat(client.getWith(base + "/actuator/prometheus", operator).status()).as(service).isEqualTo(200);
        }
    }

    // ---- rate limits

    @Test
    void aFloodOfOrdersFromOneUserGets429sWithRetryAfterOnBothGatewaysWhileAnotherUserIsServed() {
        long flooder = ledger.newUser("1000.00");
        long other = ledger.newUser("100.00");
        long product = ledger.newProduct("1.00", 1000);
        String token = infra.token(flooder, false);
        // Refused by the gateway's input check (quantity 0) once past the limiter: each request costs a token and
        // returns at once. The test stack refills a user's bucket at 0.1/s (TestInfrastructure), so what passes is the
        // burst's 20, however fast this machine answers.
        String flood = "{\"productId\":" + product + ",\"quantity\":0}";

        long begin = System.nanoTime();
        List<Reply> atGateway1 = new ArrayList<>();
        Reply last;
        do {
            last = client.postOrder(client.gateway(0), flood, token, null, Map.of());
            atGateway1.add(last);
        } while (last.status() != 429 && atGateway1.size() < 500);
        double seconds = (System.nanoTime() - begin) / 1e9;
        // The bucket is shared: the other gateway refuses the flooder too. One of these may find a token that came
        // back meanwhile; a bucket of its own would have let every one through.
        List<Reply> atGateway2 = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            atGateway2.add(client.postOrder(client.gateway(1), flood, token, null, Map.of()));
        }

        assertThat(last.status()).as(last.toString()).isEqualTo(429);
        assertThat(atGateway1.subList(0, atGateway1.size() - 1)).allSatisfy(r -> assertThat(r.status()).isEqualTo(400));
        // the burst (20), and what refilled while the flood ran
        assertThat(atGateway1.size() - 1).as("allowed in %.1f s", seconds)
                .isBetween(20, 20 + (int) Math.ceil(0.1 * seconds) + 1);
        List<Reply> limitedAt2 = atGateway2.stream().filter(r -> r.status() == 429).toList();
        assertThat(limitedAt2).as("429s of 5 at gateway 2: %s", atGateway2).hasSizeGreaterThanOrEqualTo(4);
        for (Reply limited : List.of(last, limitedAt2.get(0))) {
            assertThat(Integer.parseInt(limited.header("Retry-After"))).isBetween(1, 60);
            assertThat(limited.header("Content-Type")).startsWith("application/problem+json");
            assertThat(limited.problemSlug()).isEqualTo("rate-limited");
            assertThat(limited.json().path("status").asInt()).isEqualTo(429);
        }

        // the limit is the flooder's: another user (from the same address) orders at once, on both gateways
        for (int gateway = 0; gateway < 2; gateway++) {
            Reply placed = client.placeOrderAt(client.gateway(gateway), other, product, 1, "XA", null, Map.of());
            assertThat(placed.status()).as(placed.toString()).isEqualTo(201);
        }
    }

    // ---- the issuer

    @Test
    void aDevelopmentTokenCarriesTheContractsClaimsAndPlacesAnOrder() throws Exception {
        long user = ledger.newUser("100.00");
        long product = ledger.newProduct("1.00", 10);
        // what ./stack token USER_ID does
        String token = DevIssuer.token(infra.settings(), user, false);
        String admin = DevIssuer.token(infra.settings(), user, true);

        JsonNode claims = payload(token);
        assertThat(claims.path("sub").asText()).isEqualTo(String.valueOf(user));
        assertThat(claims.path("iss").asText()).isEqualTo(infra.settings().authIssuer());
        assertThat(claims.path("aud").toString()).contains("\"shopsuite\"");
        assertThat(claims.path("exp").asLong() - claims.path("iat").asLong()).isGreaterThanOrEqualTo(3600);
        assertThat(claims.path("scope").toString()).doesNotContain("shop.admin");
        assertThat(payload(admin).path("scope").toString()).contains("shop.admin");
        assertThat(client.postOrder(client.gateway(1), order(user, product), token, null, Map.of()).status())
                .isEqualTo(201);
    }

    @Test
    void theDevelopmentTokenEndpointAnswersOnlyTheStacksSecret() throws Exception {
        Reply without = SuiteHttp.send(HttpRequest.newBuilder(URI.create(infra.settings().authIssuer() + "/dev/token"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Shop-Dev-Token-Secret", "guessed-guessed-guessed-guessed-guessed")
                .POST(HttpRequest.BodyPublishers.ofString("user_id=1&admin=true")));

        assertThat(without.status()).isEqualTo(401);
        assertThat(without.body()).doesNotContain("access_token");
    }

    @Test
    void aBrowserSignsInWithTheAuthorizationCodeFlowAndPkceAndItsTokenReadsItsOwnBalance() throws Exception {
        String token = new BrowserSignIn(infra.settings().authIssuer())
                .signIn("1", infra.secret(StackSecret.AUTH_DEMO_PASSWORD));

        assertThat(payload(token).path("sub").asText()).isEqualTo("1");
        assertThat(payload(token).path("aud").toString()).contains("\"shopsuite\"");
        assertThat(client.getWith(client.gateway(0) + "/api/accounts/1", token).status()).isEqualTo(200);
        assertThat(client.getWith(client.gateway(0) + "/api/accounts/2", token).status()).isEqualTo(403);
    }

    @Test
    void theSigningKeyIsOwnerOnlyAndTokensSurviveAnIssuerRestart() throws Exception {
        long user = ledger.newUser("100.00");
        String before = infra.token(user, false);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(DevIssuer.signingKeyFile(
                infra.settings())))).isEqualTo("rw-------");

        infra.service(DevIssuer.MODULE).stop();
        infra.stack().up(System.out); // starts the issuer again and waits until it is healthy
        String after = DevIssuer.token(infra.settings(), user, false);

        for (String token : List.of(before, after)) {
            assertThat(client.getWith(client.gateway(0) + "/api/accounts/" + user, token).status()).isEqualTo(200);
            assertThat(client.getWith(service("account-service") + "/api/accounts/" + user, token).status())
                    .isEqualTo(200);
        }
    }

    // ---- helpers

    private static String service(String name) {
        return infra.baseUrl(infra.service(name));
    }

    private static String order(long user, long product) {
        return "{\"userId\":" + user + ",\"productId\":" + product + ",\"quantity\":1,\"mode\":\"XA\"}";
    }

    private static JsonNode payload(String jwt) throws Exception {
        return JSON.readTree(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8));
    }

    /** What the databases hold for two users and a product: balances, stock, their orders, and all orders. */
    record Snapshot(BigDecimal balanceA, BigDecimal balanceB, int stock, List<String> ordersA, List<String> ordersB,
                    long allOrders) {
        static Snapshot of(long a, long b, long product) {
            return new Snapshot(ledger.balance(a), ledger.balance(b), ledger.stock(product), ledger.orderStatuses(a),
                    ledger.orderStatuses(b), ledger.orderCount());
        }
    }

    /** Tokens to refuse, crafted with nimbus-jose-jwt; all but the foreign key's are signed with the issuer's own. */
    enum BadToken {
        NONE {
            @Override
            String make(com.nimbusds.jose.jwk.RSAKey key, String issuer, long user) {
                return null;
            }
        },
        NOT_A_JWT {
            @Override
            String make(com.nimbusds.jose.jwk.RSAKey key, String issuer, long user) {
                return "not-a-jwt";
            }
        },
        SIGNED_BY_ANOTHER_KEY {
            @Override
            String make(com.nimbusds.jose.jwk.RSAKey key, String issuer, long user) throws Exception {
                return StandInIssuer.signed(Tokens.anotherKeyWithTheSameId(key), StandInIssuer.claims(issuer, user));
            }
        },
        ALG_NONE {
            @Override
            String make(com.nimbusds.jose.jwk.RSAKey key, String issuer, long user) {
                return new com.nimbusds.jwt.PlainJWT(StandInIssuer.claims(issuer, user).build()).serialize();
            }
        },
        EXPIRED {
            @Override
            String make(com.nimbusds.jose.jwk.RSAKey key, String issuer, long user) throws Exception {
                Instant now = Instant.now();
                return StandInIssuer.signed(key, StandInIssuer.claims(issuer, user)
                        .issueTime(java.util.Date.from(now.minus(Duration.ofHours(2))))
                        .expirationTime(java.util.Date.from(now.minus(Duration.ofMinutes(5)))));
            }
        },
        WRONG_ISSUER {
            @Override
            String make(com.nimbusds.jose.jwk.RSAKey key, String issuer, long user) throws Exception {
                return StandInIssuer.signed(key, StandInIssuer.claims("https://issuer.example", user));
            }
        },
        WRONG_AUDIENCE {
            @Override
            String make(com.nimbusds.jose.jwk.RSAKey key, String issuer, long user) throws Exception {
                return StandInIssuer.signed(key, StandInIssuer.claims(issuer, user).audience("another-application"));
            }
        };

        abstract String make(com.nimbusds.jose.jwk.RSAKey key, String issuer, long user) throws Exception;
    }
}
