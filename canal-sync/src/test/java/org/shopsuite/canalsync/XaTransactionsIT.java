package org.shopsuite.canalsync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.shopsuite.cache.AccountView;
import org.shopsuite.cache.BinlogVersion;
import org.shopsuite.cache.CacheKey;
import org.shopsuite.cache.CachedRow;
import org.shopsuite.cache.CachedValue;
import org.shopsuite.cache.ProductView;
import org.shopsuite.cache.VersionedCacheWriter;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;

/**
 * MariaDB writes an XA transaction's rows to the binlog at XA PREPARE, long before anyone knows whether it commits.
 * canal-sync must put them into the cache at XA COMMIT and never after XA ROLLBACK, keep what it holds across its
 * own restarts, and let other transactions' changes through meanwhile.
 */
class XaTransactionsIT extends CanalSyncTestSupport {

    @Autowired
    BinlogFollower follower;

    @Autowired
    TestRestTemplate http;

    @Autowired
    VersionedCacheWriter writer;

    @Test
    void aPreparedThenRolledBackUpdateNeverReachesTheCacheAndTheNextRealChangeDoes() throws Exception {
        long product = cachedProduct("xa-rollback", "10.00", 100);
        long user = cachedAccount("5.00");
        CacheKey productKey = CacheKey.product(product);
        CacheKey accountKey = CacheKey.account(user);

        try (XaBranch stock = XaBranch.prepare("inventory_db", "rb-stock-" + product,
                     "UPDATE inventory SET stock = stock - 2 WHERE product_id = " + product);
             XaBranch debit = XaBranch.prepare("account_db", "rb-debit-" + user,
                     "UPDATE accounts SET balance = balance - 1.00 WHERE user_id = " + user)) {
            changesAfterThePrepareArriveOnTime();
            assertThat(cached(productKey)).as("not applied at PREPARE").matches(stock(100));
            assertThat(cached(accountKey)).as("not applied at PREPARE").matches(balance("5.00"));

            stock.rollback();
            debit.rollback();
        }
        changesAfterThePrepareArriveOnTime();
        assertThat(cached(productKey)).matches(stock(100));
        assertThat(cached(accountKey)).matches(balance("5.00"));

        // The next real change is served.
        long committed = sql("inventory_db", "UPDATE inventory SET stock = 77 WHERE product_id = ?", product);
        assertThat(awaitFresh(productKey, stock(77), committed)).extracting("name").isEqualTo("xa-rollback");
        committed = sql("account_db", "UPDATE accounts SET balance = 4.00 WHERE user_id = ?", user);
        awaitFresh(accountKey, balance("4.00"), committed);
    }

    @Test
    void aPreparedUpdateIsAppliedAtItsCommit() throws Exception {
        long product = cachedProduct("xa-commit", "10.00", 100);
        CacheKey productKey = CacheKey.product(product);

        try (XaBranch stock = XaBranch.prepare("inventory_db", "c-stock-" + product,
                "UPDATE inventory SET stock = stock - 2 WHERE product_id = " + product)) {
            changesAfterThePrepareArriveOnTime();
            assertThat(cached(productKey)).as("not applied at PREPARE").matches(stock(100));

            long committed = stock.commit();
            assertThat(awaitFresh(productKey, stock(98), committed)).extracting("name").isEqualTo("xa-commit");
        }
    }

    @Test
    void aFillReadBetweenPrepareAndCommitNeverReplacesTheCommittedRow() throws Exception {
        long product = cachedProduct("xa-fill", "10.00", 100);
        CacheKey productKey = CacheKey.product(product);

        try (XaBranch stock = XaBranch.prepare("inventory_db", "f-stock-" + product,
                "UPDATE inventory SET stock = stock - 2 WHERE product_id = " + product)) {
            // What an owning service does for a gateway's MISS: a consistent snapshot and its binlog position.
            ProductView readByGateway;
            try (Connection read = db.connect("inventory_db"); Statement s = read.createStatement()) {
                s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
                s.execute("START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY");
                String file;
                long position;
                try (ResultSet status = s.executeQuery("SHOW STATUS LIKE 'binlog_snapshot_%'")) {
                    status.next();
                    file = status.getString(2);
                    status.next();
                    position = status.getLong(2);
                }
                try (ResultSet row = s.executeQuery("SELECT stock FROM inventory WHERE product_id = " + product)) {
                    row.next();
                    assertThat(row.getInt(1)).as("the prepared change is not in the snapshot").isEqualTo(100);
                }
                s.execute("COMMIT");
                readByGateway = new ProductView(product, "xa-fill", new BigDecimal("10.00"), 100,
                        BinlogVersion.snapshot(file, position));
            }

            long committed = stock.commit();
            CachedValue applied = awaitFresh(productKey, stock(98), committed);

            // The read stands after the rows' own event but before the XA COMMIT they were placed at.
            assertThat(applied.version()).isGreaterThan(readByGateway.version());
            assertThat(writer.fill(CachedRow.of(readByGateway))).isFalse();
            assertThat(cached(productKey)).isEqualTo(applied);
        }
    }

    @Test
    void whatIsDecidedWhileCanalSyncIsStoppedArrivesAfterItsRestartCommittedOnly() throws Exception {
        long product = cachedProduct("xa-restart", "10.00", 100);
        long user = cachedAccount("50.00");
        CacheKey productKey = CacheKey.product(product);
        CacheKey accountKey = CacheKey.account(user);

        try (XaBranch stock = XaBranch.prepare("inventory_db", "r-stock-" + product,
                     "UPDATE inventory SET stock = stock - 3 WHERE product_id = " + product);
             XaBranch debit = XaBranch.prepare("account_db", "r-debit-" + user,
                     "UPDATE accounts SET balance = balance - 30.00 WHERE user_id = " + user)) {
            changesAfterThePrepareArriveOnTime(); // so the PREPAREs were read, and acked, before the stop
            assertThat(redis.opsForHash().size(PreparedXaTransactions.REDIS_KEY))
                    .as("prepared transactions are kept in Redis, which outlives canal-sync").isGreaterThanOrEqualTo(2);

            follower.stop();
            try {
                stock.commit();
                debit.rollback();
            } finally {
                follower.start();
            }
        }
        awaitCached(productKey, stock(97), RECOVERY);
        changesAfterThePrepareArriveOnTime();
        assertThat(cached(accountKey)).matches(balance("50.00"));
    }

    /** Transactions on tables canal-sync does not follow, XA or not, still move it along with the binlog head. */
    @Test
    void transactionsOnOtherTablesLeaveNoLag() throws Exception {
        String insert = "INSERT INTO orders (user_id, product_id, quantity) VALUES (1, 1, 1)";
        try (XaBranch committed = XaBranch.prepare("order_db", "other-c-" + System.nanoTime(), insert);
             XaBranch rolledBack = XaBranch.prepare("order_db", "other-r-" + System.nanoTime(), insert)) {
            committed.commit();
            rolledBack.rollback();
        }
        sql("order_db", insert);
        try (XaBranch stillPrepared = XaBranch.prepare("order_db", "other-p-" + System.nanoTime(), insert)) {
            // the binlog now ends with an XA PREPARE, which Canal never sends
            awaitHealthy(false);
            stillPrepared.commit();
        }
        awaitHealthy(true);
    }

    private void awaitHealthy(boolean atTheHead) {
        await().atMost(RECOVERY).untilAsserted(() -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> health = (Map<String, Object>) ((Map<String, Object>) http
                    .getForObject("/actuator/health", Map.class).get("components")).get("canalSync");
            assertThat(health).as(String.valueOf(health)).containsEntry("status", "UP");
            @SuppressWarnings("unchecked")
            Map<String, Object> details = (Map<String, Object>) health.get("details");
            assertThat(details.get("lagMillis")).isEqualTo(0);
            if (atTheHead) {
                assertThat(details.get("reached")).isEqualTo(details.get("binlogHead"));
            }
        });
    }

    /**
     * A change committed after the XA PREPAREs reaches Redis within the promise: it proves canal-sync has read past
     * them (the binlog is in order), and that prepared transactions do not hold later changes back.
     */
    private void changesAfterThePrepareArriveOnTime() {
        cachedProduct("marker", "1.00", 1);
    }

    /** One XA branch on its own connection, as Seata's XA mode runs it: START, the statement, END, PREPARE. */
    private static final class XaBranch implements AutoCloseable {

        private final Connection connection;
        private final String xid;
        private boolean decided;

        private XaBranch(Connection connection, String xid) {
            this.connection = connection;
            this.xid = xid;
        }

        static XaBranch prepare(String database, String xid, String statement) throws SQLException {
            Connection connection = db.connect(database);
            try (Statement s = connection.createStatement()) {
                s.execute("XA START '" + xid + "'");
                s.executeUpdate(statement);
                s.execute("XA END '" + xid + "'");
                s.execute("XA PREPARE '" + xid + "'");
            } catch (SQLException e) {
                connection.close();
                throw e;
            }
            return new XaBranch(connection, xid);
        }

        /** Returns {@link System#nanoTime()} at the commit, to time from. */
        long commit() throws SQLException {
            decide("XA COMMIT '" + xid + "'");
            return System.nanoTime();
        }

        void rollback() throws SQLException {
            decide("XA ROLLBACK '" + xid + "'");
        }

        private void decide(String statement) throws SQLException {
            try (Statement s = connection.createStatement()) {
                s.execute(statement);
            }
            decided = true;
        }

        @Override
        public void close() throws SQLException {
            try {
                if (!decided) {
                    rollback(); // a failed test must not leave a prepared transaction holding rows
                }
            } finally {
                connection.close();
            }
        }
    }
}
