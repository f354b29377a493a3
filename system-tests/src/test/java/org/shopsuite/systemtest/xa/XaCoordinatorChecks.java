package org.shopsuite.systemtest.xa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shopsuite.stack.DatabaseUser;
import org.shopsuite.testfixtures.SuiteDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * An XA global transaction over order_db and account_db through the real Seata coordinator, on MariaDB: both
 * branches commit together, roll back together, and leave nothing prepared, also when 16 run at once. A subclass
 * (XaCoordinatorIT, on the test infrastructure) says where the databases are and points Seata at its coordinator.
 */
public abstract class XaCoordinatorChecks {

    /**
     * Seata client settings for TwoDatabaseApp, with the coordinator at {@code seataAddress} (host:port) and the
     * services' users logging in with the passwords {@code passwords} gives.
     */
    protected static void seataClient(DynamicPropertyRegistry registry, java.util.function.Supplier<Object> seataAddress,
                                      java.util.function.Supplier<Object> jdbcUrlPrefix,
                                      java.util.function.Function<DatabaseUser, String> passwords) {
        registry.add("seata.application-id", () -> "xa-coordinator-it");
        registry.add("seata.tx-service-group", () -> "shop-tx");
        registry.add("seata.service.vgroup-mapping.shop-tx", () -> "default");
        registry.add("seata.service.grouplist.default", seataAddress);
        registry.add("seata.registry.type", () -> "file");
        registry.add("seata.config.type", () -> "file");
        registry.add("seata.data-source-proxy-mode", () -> "XA");
        registry.add("shop.it.jdbc-url-prefix", jdbcUrlPrefix);
        registry.add("shop.it.order-password", () -> passwords.apply(DatabaseUser.ORDER));
        registry.add("shop.it.account-password", () -> passwords.apply(DatabaseUser.ACCOUNT));
    }

    /** The JDBC URL of a database of the infrastructure under test (root, empty password). */
    protected abstract String jdbcUrl(String database);

    private final SuiteDatabase db = SuiteDatabase.asRoot(this::jdbcUrl);

    @Autowired
    protected TwoBranchWork work;

    /**
     * The JVM's first XA connection is made alone: Druid's MySqlUtils (Seata's XA helper) initialises its reflection
     * lazily and, raced by concurrent first connections, poisons itself for good (SQLFeatureNotSupportedException).
     * The services guard against this in service-support's ParticipantDataSources; this test app does it here.
     */
    @BeforeEach
    public void firstXaConnectionAlone() {
        if (!warmedUp) {
            work.orderAndDebit(newAccount(new BigDecimal("1.00")), new BigDecimal("1.00"), false);
            warmedUp = true;
        }
    }

    private static boolean warmedUp;

    @Test
    public void globalTransactionCommitsBothBranches() {
        int user = newAccount(new BigDecimal("100.00"));

        String xid = work.orderAndDebit(user, new BigDecimal("30.00"), false);

        assertThat(xid).isNotBlank();
        assertThat(balanceOf(user)).isEqualByComparingTo("70.00");
        assertThat(ordersOf(user)).isEqualTo(1);
        assertNothingPrepared();
    }

    @Test
    public void failureRollsBackBothBranches() {
        int user = newAccount(new BigDecimal("100.00"));

        assertThatThrownBy(() -> work.orderAndDebit(user, new BigDecimal("30.00"), true))
                .hasMessageContaining("after both branches");

        assertThat(balanceOf(user)).isEqualByComparingTo("100.00");
        assertThat(ordersOf(user)).isZero();
        assertNothingPrepared();
    }

    @Test
    public void sixteenConcurrentGlobalTransactionsAllFinishCleanly() throws Exception {
        List<Integer> users = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            users.add(newAccount(new BigDecimal("100.00")));
        }
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < users.size(); i++) {
                int user = users.get(i);
                boolean fail = i % 4 == 3; // a quarter roll back, interleaved with commits
                results.add(pool.submit(() -> {
                    try {
                        return work.orderAndDebit(user, new BigDecimal("10.00"), fail);
                    } catch (IllegalStateException expected) {
                        return "rolled back";
                    }
                }));
            }
            for (Future<String> result : results) {
                result.get(); // any XAER_RMFAIL or coordinator error surfaces here
            }
        } finally {
            pool.shutdown();
        }

        for (int i = 0; i < users.size(); i++) {
            boolean failed = i % 4 == 3;
            assertThat(balanceOf(users.get(i))).as("user %d", users.get(i))
                    .isEqualByComparingTo(failed ? "100.00" : "90.00");
            assertThat(ordersOf(users.get(i))).isEqualTo(failed ? 0 : 1);
        }
        assertNothingPrepared();
    }

    private int newAccount(BigDecimal balance) {
        return Math.toIntExact(db.newUser(balance.toPlainString()));
    }

    private BigDecimal balanceOf(int user) {
        return db.queryDecimal("account_db", "SELECT balance FROM accounts WHERE user_id = ?", user);
    }

    private int ordersOf(int user) {
        return Math.toIntExact(db.queryLong("order_db", "SELECT COUNT(*) FROM orders WHERE user_id = ?", user));
    }

    private void assertNothingPrepared() {
        assertThat(db.query("order_db", "XA RECOVER", row -> row.getString("data")))
                .as("XA transactions left prepared").isEmpty();
    }
}
