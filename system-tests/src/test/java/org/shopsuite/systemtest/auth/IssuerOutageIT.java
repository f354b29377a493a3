package org.shopsuite.systemtest.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.shopsuite.stack.DevIssuer;
import org.shopsuite.systemtest.order.Ledger;
import org.shopsuite.systemtest.order.SuiteClient;
import org.shopsuite.testfixtures.StandInIssuer;
import org.shopsuite.testfixtures.SuiteHttp.Reply;
import org.shopsuite.testfixtures.TestInfrastructure;

/**
 * Signed-in traffic without the issuer, against the real suite: the gateways and the services hold the issuer's keys
 * and check tokens against them while the issuer is killed or hung, and no request waits for it (README,
 * Authentication; the contract's availability promise: "tokens signed before an issuer outage keep working through
 * it").
 *
 * <p>Tokens "none of the processes has seen" are signed here with the issuer's own key (as it would sign them): each is
 * new to every gateway and service, so it is checked against the keys they hold and not found among the tokens they
 * verified before.
 */
class IssuerOutageIT {

    static final TestInfrastructure infra = TestInfrastructure.sharedSuite();
    static final SuiteClient client = new SuiteClient(infra);
    static final Ledger ledger = new Ledger(infra);

    /**
     * The services refresh the issuer's keys every {@link TestInfrastructure#ISSUER_KEYS_REFRESH} in tests (production:
     * 5 min, the lifetime of the key cache before this test was written, after which every token got 500). The issuer
     * stays dead for five of those: in test time, far longer than the old cache lived. Requests during the outage with
     * a token from before it, and with tokens nobody has seen, are served at both gateways and at account-service; an
     * order goes through; health stays UP and says the issuer does not answer.
     */
    @Test
    void aValidTokenKeepsWorkingForReadsAndOrdersWithTheIssuerKilledForFiveRefreshIntervals() throws Exception {
        long user = ledger.newUser("100.00");
        long product = ledger.newProduct("1.00", 100);
        RSAKey issuersKey = Tokens.realKey(infra);
        String fromBefore = infra.token(user, false);
        assertThat(client.getWith(client.gateway(0) + "/api/accounts/" + user, fromBefore).status()).isEqualTo(200);

        infra.service(DevIssuer.MODULE).kill();
        try {
            Thread.sleep(TestInfrastructure.ISSUER_KEYS_REFRESH.multipliedBy(5).toMillis());

            for (String token : List.of(fromBefore, unseen(issuersKey, user, false))) {
                for (String base : List.of(client.gateway(0), client.gateway(1), service("account-service"))) {
                    Reply read = client.getWith(base + "/api/accounts/" + user, token);
                    assertThat(read.status()).as(base + " " + read).isEqualTo(200);
                    assertThat(read.json().path("userId").asLong()).isEqualTo(user);
                }
            }
            for (int gateway = 0; gateway < 2; gateway++) {
                // order-service sees this token for the first time too
                Reply placed = client.postOrder(client.gateway(gateway), order(product), unseen(issuersKey, user, false),
                        "issuer-down-" + user + "-" + gateway, Map.of());
                assertThat(placed.status()).as(placed.toString()).isEqualTo(201);
            }
            assertThat(client.postOrder(client.gateway(0), order(product), fromBefore, null, Map.of()).status())
                    .isEqualTo(201);
            assertThat(ledger.balance(user)).isEqualByComparingTo("97.00");

            String operator = unseen(issuersKey, SuiteClient.OPERATOR, true);
            for (String part : List.of("cache-gateway-1", "order-service-2", "account-service")) {
                JsonNode health = client.getWith(service(part) + "/actuator/health", operator).json();
                JsonNode keys = health.path("components").path("issuerKeys");
                assertThat(health.path("status").asText()).as(part + " " + health).isEqualTo("UP");
                assertThat(keys.path("status").asText()).as(part + " " + keys).isEqualTo("UP");
                assertThat(keys.path("details").path("keyIds").toString()).as(part).contains(issuersKey.getKeyID());
                assertThat(keys.path("details").path("issuer").asText()).as(part).startsWith("not answering");
                assertThat(keys.path("details").path("lastFailure").path("error").asText()).as(part).isNotBlank();
            }
        } finally {
            infra.stack().up(System.out); // the issuer again, for the tests that follow
        }
    }

    /**
     * The issuer stopped (SIGSTOP): it accepts connections and never answers, the worst case for a client without
     * timeouts. A read with a token nobody has seen is answered, and a token naming a key id the issuer never published
     * is refused (401, never 500), each within the tests' usual 10 s wait ({@link SuiteClient#getWith}): no request
     * waits for the issuer. (Before, the services fetched keys without timeouts, and the second waited for ever; now a
     * request that needs a key it does not hold waits for one fetch at most, one second to connect and one to read.)
     */
    @Test
    void withTheIssuerHungNoRequestWaitsForIt() throws Exception {
        long user = ledger.newUser("100.00");
        long product = ledger.newProduct("1.00", 100);
        RSAKey issuersKey = Tokens.realKey(infra);
        String unknownKeyId = StandInIssuer.signed(new RSAKeyGenerator(2048).keyID("never-published-" + user).generate(),
                StandInIssuer.claims(infra.settings().authIssuer(), user));
        ProcessHandle issuer = infra.service(DevIssuer.MODULE).running().orElseThrow();

        signal(issuer, "STOP");
        try {
            for (String base : List.of(client.gateway(0), client.gateway(1), service("account-service"))) {
                Reply known = client.getWith(base + "/api/accounts/" + user, unseen(issuersKey, user, false));
                assertThat(known.status()).as(base + " (-1: no answer in 10 s) " + known).isEqualTo(200);

                Reply unknown = client.getWith(base + "/api/accounts/" + user, unknownKeyId);
                assertThat(unknown.status()).as(base + " (-1: no answer in 10 s) " + unknown).isEqualTo(401);
                assertThat(unknown.header("WWW-Authenticate")).startsWith("Bearer");
                assertThat(unknown.header("Content-Type")).startsWith("application/problem+json");
                assertThat(unknown.problemSlug()).isEqualTo("unauthenticated");
            }
            Reply placed = client.postOrder(client.gateway(1), order(product), unseen(issuersKey, user, false), null,
                    Map.of());
            assertThat(placed.status()).as(placed.toString()).isEqualTo(201);
        } finally {
            signal(issuer, "CONT");
        }
    }

    // ---- helpers

    /** A token as the issuer signs them (its key, its claims, ten minutes), new to every process. */
    private static String unseen(RSAKey issuersKey, long user, boolean admin) {
        return StandInIssuer.signed(issuersKey, StandInIssuer.claims(infra.settings().authIssuer(), user)
                .claim("scope", admin ? List.of("shop.admin") : List.of()));
    }

    private static void signal(ProcessHandle process, String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(process.pid())).inheritIO().start();
        assertThat(kill.waitFor()).as("kill -" + signal + " " + process.pid()).isZero();
    }

    private static String service(String name) {
        return infra.baseUrl(infra.service(name));
    }

    private static String order(long product) {
        return "{\"productId\":" + product + ",\"quantity\":1,\"mode\":\"XA\"}";
    }
}
