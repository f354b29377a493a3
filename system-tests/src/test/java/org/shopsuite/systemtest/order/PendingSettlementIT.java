package org.shopsuite.systemtest.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.shopsuite.testfixtures.SuiteDatabase;
import org.shopsuite.testfixtures.TestInfrastructure;

/**
 * PendingOrderSettlement settles each PENDING order on its own: an order it cannot settle now (its row locked, as a
 * prepared XA branch holds it) delays no other, and a database that stops answering does not hang it.
 */
class PendingSettlementIT {

    static final TestInfrastructure infra = TestInfrastructure.sharedSuite();
    static final Ledger ledger = new Ledger(infra);
    static final SuiteDatabase db = SuiteDatabase.asRoot(infra);

    @Test
    void aLockedPendingOrderHoldsUpNoOtherAndSettlesOnceReleased() throws SQLException {
        long user = ledger.newUser("100.00");
        long product = ledger.newProduct("2.50", 10);
        // Three orders left PENDING by transactions the coordinator no longer has (it reports them finished).
        long locked = abandonedPendingOrder(user, product);
        long behind1 = abandonedPendingOrder(user, product);
        long behind2 = abandonedPendingOrder(user, product);

        try (Connection holder = db.connect("order_db")) {
            holder.setAutoCommit(false);
            try (PreparedStatement lock = holder.prepareStatement("SELECT status FROM orders WHERE order_id = ?"
                    + " FOR UPDATE")) {
                lock.setLong(1, locked);
                lock.executeQuery().close();
            }
            await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> {
                assertThat(status(behind1)).isEqualTo("FAILED");
                assertThat(status(behind2)).isEqualTo("FAILED");
            });
            assertThat(status(locked)).isEqualTo("PENDING");
            holder.rollback();
        }
        await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> assertThat(status(locked)).isEqualTo("FAILED"));
        assertThat(ledger.balance(user)).isEqualByComparingTo("100.00");
        assertThat(ledger.stock(product)).isEqualTo(10);
    }

    @Test
    void aDatabaseThatStopsAnsweringDoesNotHangTheSettlement() throws SQLException, IOException {
        List<Path> logs = List.of(infra.service("order-service-1").logFile(), infra.service("order-service-2").logFile());
        long[] before = new long[logs.size()];
        for (int i = 0; i < logs.size(); i++) {
            before[i] = Files.size(logs.get(i));
        }
        // Every statement on orders now waits for the table (a metadata lock, which no row-lock timeout ends):
        // the settlement's next look for PENDING orders gets no answer for as long as this is held.
        try (Connection holder = db.connect("order_db"); Statement lock = holder.createStatement()) {
            lock.execute("LOCK TABLES orders WRITE");
            try {
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() ->
                        loggedSince(logs.get(0), before[0]) || loggedSince(logs.get(1), before[1]));
            } finally {
                lock.execute("UNLOCK TABLES");
            }
        }
        // and it settles again once the database answers
        long user = ledger.newUser("100.00");
        long order = abandonedPendingOrder(user, ledger.newProduct("2.50", 10));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(status(order)).isEqualTo("FAILED"));
    }

    /** Whether the log says, after {@code offset}, that a settlement round came back without an answer. */
    private static boolean loggedSince(Path log, long offset) throws IOException {
        byte[] text = Files.readAllBytes(log);
        return text.length > offset && new String(text, (int) offset, text.length - (int) offset,
                java.nio.charset.StandardCharsets.UTF_8).contains("could not settle pending orders now");
    }

    /** A PENDING XA order of a global transaction the coordinator never had, quiet for a minute. */
    private static long abandonedPendingOrder(long user, long product) {
        String xid = infra.seata().address() + ":" + (5_000_000_000_000_000L + new SecureRandom().nextInt(1_000_000));
        return db.insert("order_db", "INSERT INTO orders (user_id, product_id, quantity, amount, status, mode, xid,"
                + " created_at, updated_at) VALUES (?, ?, 1, 2.50, 'PENDING', 'XA', ?, NOW(3) - INTERVAL 1 MINUTE,"
                + " NOW(3) - INTERVAL 1 MINUTE)", user, product, xid);
    }

    private static String status(long order) {
        return db.queryString("order_db", "SELECT status FROM orders WHERE order_id = ?", order);
    }
}
