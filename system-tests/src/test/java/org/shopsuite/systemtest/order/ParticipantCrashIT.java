package org.shopsuite.systemtest.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.shopsuite.stack.ServicePart;
import org.shopsuite.testfixtures.SuiteHttp.Reply;
import org.shopsuite.testfixtures.TestInfrastructure;

/**
 * A participant process killed (SIGKILL) while its branch is done but the global transaction is not finished: the
 * coordinator cannot reach it for phase two until it restarts, then finishes the transaction. Nothing is lost.
 */
class ParticipantCrashIT {

    static final TestInfrastructure infra = TestInfrastructure.sharedSuite();
    static final SuiteClient client = new SuiteClient(infra);
    static final Ledger ledger = new Ledger(infra);

    @ParameterizedTest
    @ValueSource(strings = {"XA", "TCC"})
    void coordinatorFinishesTheTransactionAfterTheKilledParticipantRestarts(String mode) throws Exception {
        long user = ledger.newUser("100.00");
        long product = ledger.newProduct("2.50", 10);
        ServicePart account = infra.service("account-service");

        CompletableFuture<Reply> order = CompletableFuture.supplyAsync(() -> client.placeOrder(0, user,
                product, 4, mode, null, Map.of("X-Shop-Fault", "pause-after-branch:account-service:30000")));
        // The account branch is done (XA: prepared in MariaDB; TCC: credit frozen) and its answer held back.
        await().atMost(Duration.ofSeconds(20)).until(() -> mode.equals("XA")
                ? !ledger.preparedXa().isEmpty() : ledger.frozen(user).compareTo(BigDecimal.ZERO) > 0);
        account.kill();

        Reply reply = order.get();
        assertThat(reply.status()).as(reply.toString()).isEqualTo(503);

        infra.restartStopped();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(ledger.preparedXa()).isEmpty();
            assertThat(ledger.frozen(user)).isEqualByComparingTo("0");
            assertThat(ledger.frozenStock(product)).isZero();
            assertThat(ledger.balance(user).add(ledger.paid(user))).isEqualByComparingTo("100.00");
            assertThat(ledger.stock(product) + ledger.sold(product)).isEqualTo(10);
            assertThat(ledger.orderStatuses(user)).doesNotContain("PENDING");
        });
        assertThat(ledger.balance(user)).isEqualByComparingTo("100.00");
    }
}
