package org.shopsuite.inventory.stock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.seata.integration.tx.api.fence.DefaultCommonFenceHandler;
import org.apache.seata.rm.tcc.api.BusinessActionContext;
import org.apache.seata.tm.api.GlobalTransaction;
import org.apache.seata.tm.api.GlobalTransactionContext;
import org.junit.jupiter.api.Test;
import org.shopsuite.stack.StackSecret;
import org.shopsuite.testfixtures.SuiteDatabase;
import org.shopsuite.testfixtures.TestInfrastructure;
import org.springframework.aop.framework.AopProxyUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The TCC fence on the stock reservation, with the real coordinator and database. Phase two arrives through Seata's
 * fence handler, exactly as the resource manager delivers a phase the coordinator sends (again).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class StockReservationFenceIT {

    static final TestInfrastructure infra = TestInfrastructure.shared();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        registry.add("shop.datasource.url", () -> infra.jdbcUrl("inventory_db"));
        registry.add("shop.datasource.password", () -> infra.secret(StackSecret.INVENTORY_DB_PASSWORD));
        registry.add("seata.service.grouplist.default", () -> infra.seata().address());
    }

    @Autowired
    StockReservation reservation;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void repeatedConfirmChangesNothing() throws Exception {
        long product = newProduct(10);
        GlobalTransaction tx = begin();
        reservation.reserve(product, 3);
        assertStock(product, 7, 3);
        String xid = tx.getXid();
        tx.commit();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertStock(product, 7, 0));

        // the coordinator sends a confirm again (say its first answer was lost)
        boolean confirmed = DefaultCommonFenceHandler.get().commitFence(method("confirm"), target(), xid,
                branchOf(xid), new Object[] {context(xid, branchOf(xid), product, 3)});

        assertThat(confirmed).isTrue();
        assertStock(product, 7, 0);
    }

    @Test
    void repeatedCancelChangesNothing() throws Exception {
        long product = newProduct(10);
        GlobalTransaction tx = begin();
        reservation.reserve(product, 4);
        String xid = tx.getXid();
        tx.rollback();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertStock(product, 10, 0));

        boolean cancelled = DefaultCommonFenceHandler.get().rollbackFence(method("cancel"), target(), xid,
                branchOf(xid), new Object[] {context(xid, branchOf(xid), product, 4)}, "ReserveStock");

        assertThat(cancelled).isTrue();
        assertStock(product, 10, 0);
    }

    @Test
    void cancelBeforeItsTryChangesNothingAndTheLateTryIsRefused() throws Exception {
        long product = newProduct(10);
        String xid = "fence-it:" + ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
        long branch = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);

        // the try's request is delayed; the global transaction times out and its cancel arrives first
        boolean cancelled = DefaultCommonFenceHandler.get().rollbackFence(method("cancel"), target(), xid, branch,
                new Object[] {context(xid, branch, product, 5)}, "ReserveStock");
        assertThat(cancelled).isTrue();
        assertStock(product, 10, 0);
        assertThat(jdbc.queryForObject("SELECT status FROM tcc_fence_log WHERE xid = ? AND branch_id = ?",
                Integer.class, xid, branch)).as("suspended").isEqualTo(4);

        // then the try finally arrives: refused before its body runs, nothing reserved
        AtomicBoolean tryRan = new AtomicBoolean();
        assertThatThrownBy(() -> DefaultCommonFenceHandler.get().prepareFence(xid, branch, "ReserveStock", () -> {
            tryRan.set(true);
            return target().reserve(product, 5);
        }));
        assertThat(tryRan).isFalse();
        assertStock(product, 10, 0);
    }

    private static GlobalTransaction begin() throws Exception {
        GlobalTransaction tx = GlobalTransactionContext.getCurrentOrCreate();
        tx.begin(30_000, "stock-fence-it");
        return tx;
    }

    private long branchOf(String xid) {
        return jdbc.queryForObject("SELECT branch_id FROM tcc_fence_log WHERE xid = ? AND action_name = 'ReserveStock'",
                Long.class, xid);
    }

    /** The bean behind Seata's TCC proxy: the fence handler calls the phases on it directly. */
    private StockReservationAction target() {
        Object target = AopProxyUtils.getSingletonTarget(reservation);
        return (StockReservationAction) (target != null ? target : reservation);
    }

    private static Method method(String name) throws NoSuchMethodException {
        return StockReservationAction.class.getMethod(name, BusinessActionContext.class);
    }

    private static BusinessActionContext context(String xid, long branch, long product, int quantity) {
        Map<String, Object> values = new HashMap<>();
        values.put("productId", product);
        values.put("quantity", quantity);
        return new BusinessActionContext(xid, String.valueOf(branch), values);
    }

    /** As root: the service's own user may change stock, but never create products (sql/07-users.sql). */
    private static long newProduct(int stock) {
        return SuiteDatabase.asRoot(infra).newProduct("fence", "1.00", stock);
    }

    private void assertStock(long product, int stock, int frozen) {
        Map<String, Object> row = jdbc.queryForMap("SELECT stock, frozen_stock FROM inventory WHERE product_id = ?", product);
        assertThat(((Number) row.get("stock")).intValue()).as("stock").isEqualTo(stock);
        assertThat(((Number) row.get("frozen_stock")).intValue()).as("frozen stock").isEqualTo(frozen);
    }
}
