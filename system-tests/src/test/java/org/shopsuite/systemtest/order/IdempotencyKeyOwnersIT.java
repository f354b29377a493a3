package org.shopsuite.systemtest.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.shopsuite.testfixtures.SuiteHttp.Reply;
import org.shopsuite.testfixtures.TestInfrastructure;

/**
 * An Idempotency-Key belongs to the user who sent it: the same key from two users is two orders, and each user's
 * repeat and read by key answer that user's own order, as if the other did not exist.
 */
class IdempotencyKeyOwnersIT {

    static final TestInfrastructure infra = TestInfrastructure.sharedSuite();
    static final SuiteClient client = new SuiteClient(infra);
    static final Ledger ledger = new Ledger(infra);

    @Test
    void twoUsersSendingOneKeyGetAnOrderEachAndSeeOnlyTheirOwn() {
        long first = ledger.newUser("100.00");
        long second = ledger.newUser("100.00");
        long product = ledger.newProduct("2.50", 10);
        String key = "shared-key-" + first;

        Reply placedFirst = client.placeOrder(0, first, product, 1, "XA", key, Map.of());
        // the other user, through the gateway, with a different body: not a misuse of the first user's key
        Reply placedSecond = client.placeOrderAt(client.gateway(1), second, product, 2, "TCC", key, Map.of());

        assertThat(placedFirst.status()).as(placedFirst.toString()).isEqualTo(201);
        assertThat(placedSecond.status()).as(placedSecond.toString()).isEqualTo(201);
        long firstOrder = placedFirst.json().path("orderId").asLong();
        long secondOrder = placedSecond.json().path("orderId").asLong();
        assertThat(secondOrder).isNotEqualTo(firstOrder);
        assertThat(placedSecond.json().path("userId").asLong()).isEqualTo(second);
        assertThat(ledger.balance(first)).isEqualByComparingTo("97.50");
        assertThat(ledger.balance(second)).isEqualByComparingTo("95.00");
        assertThat(ledger.stock(product)).isEqualTo(7);

        for (String entry : new String[] {client.orderInstance(1), client.gateway(0)}) {
            // each user's repeat answers that user's order, and charges nothing more
            Reply repeatFirst = client.placeOrderAt(entry, first, product, 1, "XA", key, Map.of());
            Reply repeatSecond = client.placeOrderAt(entry, second, product, 2, "TCC", key, Map.of());
            assertThat(repeatFirst.status()).as(repeatFirst.toString()).isEqualTo(201);
            assertThat(repeatFirst.json().path("orderId").asLong()).isEqualTo(firstOrder);
            assertThat(repeatSecond.status()).as(repeatSecond.toString()).isEqualTo(201);
            assertThat(repeatSecond.json().path("orderId").asLong()).isEqualTo(secondOrder);

            Reply readFirst = client.getWith(entry + "/api/orders?idempotencyKey=" + key, infra.token(first, false));
            Reply readSecond = client.getWith(entry + "/api/orders?idempotencyKey=" + key, infra.token(second, false));
            assertThat(readFirst.status()).as(readFirst.toString()).isEqualTo(200);
            assertThat(readFirst.json().path("orderId").asLong()).isEqualTo(firstOrder);
            assertThat(readSecond.status()).as(readSecond.toString()).isEqualTo(200);
            assertThat(readSecond.json().path("orderId").asLong()).isEqualTo(secondOrder);
        }
        assertThat(ledger.orderStatuses(first)).containsExactly("SUCCESS");
        assertThat(ledger.orderStatuses(second)).containsExactly("SUCCESS");
        assertThat(ledger.balance(first)).isEqualByComparingTo("97.50");
        assertThat(ledger.balance(second)).isEqualByComparingTo("95.00");
    }

    @Test
    void aKeyNoOrderOfTheUserHasReadsAsNotFoundEvenWhenAnotherUserHasIt() {
        long owner = ledger.newUser("100.00");
        long other = ledger.newUser("100.00");
        long product = ledger.newProduct("2.50", 10);
        String key = "owned-key-" + java.util.UUID.randomUUID();
        assertThat(client.placeOrder(0, owner, product, 1, "XA", key, Map.of()).status()).isEqualTo(201);

        for (String entry : new String[] {client.orderInstance(0), client.gateway(1)}) {
            Reply read = client.getWith(entry + "/api/orders?idempotencyKey=" + key, infra.token(other, false));
            assertThat(read.status()).as(read.toString()).isEqualTo(404);
            assertThat(read.toString()).doesNotContain(String.valueOf(owner));
        }
    }
}
