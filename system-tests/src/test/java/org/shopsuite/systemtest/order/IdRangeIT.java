package org.shopsuite.systemtest.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.shopsuite.testfixtures.SuiteHttp;
import org.shopsuite.testfixtures.SuiteHttp.Reply;
import org.shopsuite.testfixtures.TestInfrastructure;

/**
 * Ids at and beyond the edges of the API's range (positive longs): an id no row has is a 404 problem, one that is no
 * positive long a 400 problem, through the gateway and at each service's own port; never a 5xx, and nothing written.
 */
class IdRangeIT {

    static final TestInfrastructure infra = TestInfrastructure.sharedSuite();
    static final SuiteClient client = new SuiteClient(infra);
    static final Ledger ledger = new Ledger(infra);

    @ParameterizedTest
    @ValueSource(strings = {"2147483648", "9223372036854775807", "9223372036854775808", "0", "-1"})
    void anOrderForAnIdNoRowHasOrNoLongCanHoldIsRefusedAndWritesNothing(String id) {
        long user = ledger.newUser("100.00");
        long product = ledger.newProduct("2.50", 10);
        long ordersBefore = ledger.orderCount();
        boolean positiveLong = isPositiveLong(id);

        for (String entry : entries()) {
            Reply unknownProduct = client.postOrder(entry, "{\"productId\":" + id + ",\"quantity\":1}",
                    infra.token(user, false), null, Map.of());
            assertThat(unknownProduct.status()).as("productId %s at %s: %s", id, entry, unknownProduct)
                    .isEqualTo(positiveLong ? 404 : 400);
            assertThat(unknownProduct.isProblem()).as(unknownProduct.toString()).isTrue();

            // a user with no account: the token's own (any positive long can be a subject); else the body's userId
            Reply unknownUser = positiveLong
                    ? client.postOrder(entry, "{\"userId\":" + id + ",\"productId\":" + product + ",\"quantity\":1}",
                            infra.token(Long.parseLong(id), false), null, Map.of())
                    : client.postOrder(entry, "{\"userId\":" + id + ",\"productId\":" + product + ",\"quantity\":1}",
                            infra.token(user, false), null, Map.of());
            assertThat(unknownUser.status()).as("userId %s at %s: %s", id, entry, unknownUser)
                    .isEqualTo(positiveLong ? 404 : 400);
            assertThat(unknownUser.isProblem()).as(unknownUser.toString()).isTrue();
        }

        assertThat(ledger.orderCount()).isEqualTo(ordersBefore);
        assertThat(ledger.balance(user)).isEqualByComparingTo("100.00");
        assertThat(ledger.stock(product)).isEqualTo(10);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2147483648", "9223372036854775807", "9223372036854775808", "0", "-1"})
    void readsOfAnIdNoRowHasOrNoLongCanHoldAreProblemsNeverErrors(String id) {
        String gateway = client.gateway(0);
        String admin = infra.token(SuiteClient.OPERATOR, true);
        List<String> urls = List.of(gateway + "/api/orders/" + id, gateway + "/api/accounts/" + id,
                gateway + "/api/products/" + id, client.orderInstance(0) + "/api/orders/" + id,
                infra.baseUrl(infra.service("account-service")) + "/api/accounts/" + id,
                infra.baseUrl(infra.service("inventory-service")) + "/api/products/" + id);
        for (String url : urls) {
            Reply reply = SuiteHttp.send(SuiteHttp.get(url, admin, Duration.ofSeconds(30)));
            assertThat(reply.status()).as("%s: %s", url, reply).isIn(400, 404);
            assertThat(reply.isProblem()).as(reply.toString()).isTrue();
        }
        if (isPositiveLong(id)) {
            // the user that id names, reading their own (missing) balance
            Reply own = SuiteHttp.send(SuiteHttp.get(gateway + "/api/accounts/" + id,
                    infra.token(Long.parseLong(id), false), Duration.ofSeconds(30)));
            assertThat(own.status()).as(own.toString()).isEqualTo(404);
        }
    }

    private static List<String> entries() {
        return List.of(client.gateway(0), client.orderInstance(1));
    }

    private static boolean isPositiveLong(String id) {
        BigDecimal value = new BigDecimal(id);
        return value.signum() > 0 && value.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) <= 0;
    }
}
