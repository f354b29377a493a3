package org.shopsuite.systemtest.cache;

import static org.shopsuite.systemtest.cache.CacheFreshnessIT.everyGatewayWithin;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.shopsuite.testfixtures.SuiteDatabase;
import org.shopsuite.testfixtures.SuiteHttp.Reply;
import org.shopsuite.testfixtures.TestInfrastructure;

/**
 * The freshness promise holds for every way SQL can change a row, not only a plain UPDATE: each statement below, run
 * on rows cached on both gateways, is served by both within 1 s, and so is an UPDATE after it. Before the cache's
 * versions were binlog places, a REPLACE (and a re-insert, or a restore) started the row's trigger-made version again
 * at 1, and the cache refused that image and every later one until its 30-minute TTL.
 */
class EveryStatementFreshnessIT {

    static final TestInfrastructure infra = TestInfrastructure.sharedSuite();
    static final Gateways gateways = new Gateways(infra);
    static final SuiteDatabase db = SuiteDatabase.asRoot(infra);
    static final Duration PROMISE = Duration.ofSeconds(1);

    /** SQL run on inventory_db against products {@code a} and {@code b}; afterwards a has stock 42 (or is gone). */
    @FunctionalInterface
    interface Change {
        void run(Connection inventory, long a, long b) throws SQLException;
    }

    static Stream<Arguments> statements() {
        return Stream.of(
                Arguments.of("REPLACE INTO", true, (Change) (c, a, b) -> sql(c,
                        "REPLACE INTO inventory (product_id, product_name, price, stock) VALUES (" + a
                                + ", 'Replaced', 3.00, 42)")),
                Arguments.of("INSERT ... ON DUPLICATE KEY UPDATE", true, (Change) (c, a, b) -> sql(c,
                        "INSERT INTO inventory (product_id, product_name, price, stock) VALUES (" + a
                                + ", 'Upserted', 3.00, 7) ON DUPLICATE KEY UPDATE stock = 42")),
                Arguments.of("multi-row UPDATE", true, (Change) (c, a, b) -> sql(c,
                        "UPDATE inventory SET stock = 42 WHERE product_id IN (" + a + ", " + b + ")")),
                Arguments.of("DELETE then INSERT", true, (Change) (c, a, b) -> {
                    sql(c, "DELETE FROM inventory WHERE product_id = " + a);
                    sql(c, "INSERT INTO inventory (product_id, product_name, price, stock) VALUES (" + a
                            + ", 'Again', 3.00, 42)");
                }),
                Arguments.of("the same row twice in one transaction", true, (Change) (c, a, b) -> {
                    c.setAutoCommit(false);
                    sql(c, "UPDATE inventory SET stock = 41 WHERE product_id = " + a);
                    sql(c, "UPDATE inventory SET stock = 42 WHERE product_id = " + a);
                    c.commit();
                    c.setAutoCommit(true);
                }),
                Arguments.of("DELETE", false, (Change) (c, a, b) -> sql(c,
                        "DELETE FROM inventory WHERE product_id = " + a)));
    }

    @BeforeAll
    static void binlogChainIsFlowing() {
        CacheFreshnessIT.binlogChainIsFlowing();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("statements")
    void everyStatementAndTheUpdateAfterItAreServedByBothGatewaysWithinOneSecond(String name, boolean rowStays,
                                                                                Change change) throws SQLException {
        long a = productChangedBefore();
        long b = productChangedBefore();
        warm(a);
        warm(b);

        try (Connection inventory = db.connect("inventory_db")) {
            change.run(inventory, a, b);
        }

        if (rowStays) {
            everyGatewayWithin(PROMISE, path(a), stock(42));
            if (name.startsWith("multi-row")) {
                everyGatewayWithin(PROMISE, path(b), stock(42));
            }
        } else {
            everyGatewayWithin(PROMISE, path(a), reply -> reply.status() == 404);
            db.update("inventory_db", "INSERT INTO inventory (product_id, product_name, price, stock) VALUES (" + a
                    + ", 'Back', 3.00, 42)");
            everyGatewayWithin(PROMISE, path(a), stock(42));
        }
        db.update("inventory_db", "UPDATE inventory SET stock = 30 WHERE product_id = " + a);
        everyGatewayWithin(PROMISE, path(a), stock(30));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("accountStatements")
    void accountsToo(String name, String statement) {
        long user = db.newUser("10.00");
        for (int i = 1; i <= 3; i++) {
            db.update("account_db", "UPDATE accounts SET balance = balance + 1 WHERE user_id = " + user);
        }
        warm("/api/accounts/" + user);

        db.update("account_db", statement.replace("{user}", String.valueOf(user)));

        everyGatewayWithin(PROMISE, "/api/accounts/" + user, balance("42.00"));
        db.update("account_db", "UPDATE accounts SET balance = 30.00 WHERE user_id = " + user);
        everyGatewayWithin(PROMISE, "/api/accounts/" + user, balance("30.00"));
    }

    static Stream<Arguments> accountStatements() {
        return Stream.of(
                Arguments.of("REPLACE INTO", "REPLACE INTO accounts (user_id, balance) VALUES ({user}, 42.00)"),
                Arguments.of("INSERT ... ON DUPLICATE KEY UPDATE",
                        "INSERT INTO accounts (user_id, balance) VALUES ({user}, 1.00)"
                                + " ON DUPLICATE KEY UPDATE balance = 42.00"));
    }

    /** A product whose row has changed a few times already, as rows in a running shop have. */
    private static long productChangedBefore() {
        long product = db.newProduct("Statement", "3.00", 10);
        for (int stock = 11; stock <= 13; stock++) {
            db.update("inventory_db", "UPDATE inventory SET stock = " + stock + " WHERE product_id = " + product);
        }
        return product;
    }

    private static void warm(long product) {
        everyGatewayWithin(Duration.ofSeconds(10), path(product), stock(13));
        warm(path(product));
    }

    /** Reads the path on every gateway until it is served from a cache there. */
    static void warm(String path) {
        for (String gateway : gateways.baseUrls()) {
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                    .until(() -> List.of("L1", "L2").contains(gateways.get(gateway, path).cache()));
        }
    }

    private static String path(long product) {
        return "/api/products/" + product;
    }

    private static java.util.function.Predicate<Reply> stock(int stock) {
        return reply -> reply.status() == 200 && reply.json().path("stock").asInt() == stock;
    }

    private static java.util.function.Predicate<Reply> balance(String balance) {
        return reply -> reply.status() == 200
                && reply.json().path("balance").decimalValue().compareTo(new BigDecimal(balance)) == 0;
    }

    private static void sql(Connection connection, String statement) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute(statement);
        }
    }
}
