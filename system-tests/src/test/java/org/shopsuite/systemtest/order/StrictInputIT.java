package org.shopsuite.systemtest.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.shopsuite.testfixtures.SuiteHttp;
import org.shopsuite.testfixtures.SuiteHttp.Reply;
import org.shopsuite.testfixtures.TestInfrastructure;

/**
 * Bad input through the public entry (a real cache-gateway in front of the real services) and at the services
 * themselves: each is a 400 problem naming what is wrong, and nothing anywhere changes.
 */
class StrictInputIT {

    static final TestInfrastructure infra = TestInfrastructure.sharedSuite();
    static final Ledger ledger = new Ledger(infra);
    static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Test
    void badOrdersThroughTheGatewayAre400sNamingTheFieldAndChangeNothing() {
        long user = ledger.newUser("100.00");
        long product = ledger.newProduct("2.50", 10);
        String gateway = infra.baseUrl(infra.service("cache-gateway-1"));
        String valid = "{\"userId\":" + user + ",\"productId\":" + product + ",\"quantity\":2,\"mode\":\"XA\"}";
        List<List<String>> bad = List.of( // the field at fault, the body
                List.of("quantity", valid.replace("\"quantity\":2", "\"quantity\":1.5")),
                List.of("quantity", valid.replace("\"quantity\":2", "\"quantity\":\"1\"")),
                List.of("quantity", valid.replace("\"quantity\":2", "\"quantity\":true")),
                List.of("quantity", valid.replace("\"quantity\":2", "\"quantity\":1e3")),
                List.of("quantity", valid.replace("\"quantity\":2", "\"quantity\":4294967298")),
                List.of("userId", valid.replace("\"userId\":" + user, "\"userId\":" + user + ".0")),
                List.of("productId", valid.replace("\"productId\":" + product, "\"productId\":99999999999999999999")),
                List.of("mode", valid.replace("\"XA\"", "\"xa\"")),
                List.of("mdoe", valid.replace("\"mode\"", "\"mdoe\"")));

        for (List<String> fieldAndBody : bad) {
            Reply reply = SuiteHttp.send(SuiteHttp.post(gateway + "/api/orders", fieldAndBody.get(1), token(user),
                    TIMEOUT));
            assertThat(reply.status()).as(fieldAndBody.get(1) + " -> " + reply).isEqualTo(400);
            assertThat(reply.json().path("fields").get(0).asText()).isEqualTo(fieldAndBody.get(0));
        }
        for (String key : List.of("", "not valid!", "k".repeat(65))) {
            Reply reply = SuiteHttp.send(SuiteHttp.post(gateway + "/api/orders", valid, token(user), TIMEOUT)
                    .header("Idempotency-Key", key));
            assertThat(reply.status()).as("Idempotency-Key '" + key + "' -> " + reply).isEqualTo(400);
        }

        assertThat(ledger.balance(user)).isEqualByComparingTo("100.00");
        assertThat(ledger.stock(product)).isEqualTo(10);
        assertThat(ledger.orderStatuses(user)).isEmpty();
        // and the valid order itself goes through, with a key the gateway made
        Reply placed = SuiteHttp.send(SuiteHttp.post(gateway + "/api/orders", valid, token(user), TIMEOUT));
        assertThat(placed.status()).as(placed.toString()).isEqualTo(201);
        assertThat(ledger.ordersWithKey(placed.header("Idempotency-Key"))).isEqualTo(1);
    }

    @Test
    void idsInPathsThatAreNotIntegersAre400sAtTheGatewayAndAtTheServices() {
        String gateway = infra.baseUrl(infra.service("cache-gateway-2"));
        for (String path : List.of("/api/orders/abc", "/api/orders/1.5", "/api/orders/0x10",
                "/api/accounts/1.5", "/api/accounts/99999999999999999999", "/api/products/+1", "/api/products/007")) {
            assertThat(get(gateway + path).status()).as(path).isEqualTo(400);
        }
        assertThat(get(infra.service("order-service-1"), "/api/orders/0x10").status()).isEqualTo(400);
        assertThat(get(infra.service("account-service"), "/api/accounts/1.5").status()).isEqualTo(400);
        assertThat(get(infra.service("inventory-service"), "/api/products/99999999999999999999").status())
                .isEqualTo(400);
    }

    private static Reply get(org.shopsuite.stack.ServicePart service, String path) {
        return get(infra.baseUrl(service) + path);
    }

    /** A read as an operator (shop.admin). */
    private static Reply get(String url) {
        return SuiteHttp.send(SuiteHttp.get(url, token(SuiteClient.OPERATOR), TIMEOUT));
    }

    /** The user's token; an operator's (shop.admin) for {@link SuiteClient#OPERATOR}. */
    private static String token(long user) {
        return infra.token(user, user == SuiteClient.OPERATOR);
    }
}
