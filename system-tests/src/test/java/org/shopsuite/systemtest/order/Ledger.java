package org.shopsuite.systemtest.order;

import java.math.BigDecimal;
import java.util.List;
import org.shopsuite.testfixtures.SuiteDatabase;
import org.shopsuite.testfixtures.TestInfrastructure;

/** Fixtures and bookkeeping straight from the databases (as root): the ground truth the API is checked against. */
public final class Ledger {

    private final SuiteDatabase db;

    public Ledger(TestInfrastructure infra) {
        this.db = SuiteDatabase.asRoot(infra);
    }

    public long newUser(String balance) {
        return db.newUser(balance);
    }

    public long newProduct(String price, int stock) {
        return db.newProduct("test product", price, stock);
    }

    public BigDecimal balance(long user) {
        return db.queryDecimal("account_db", "SELECT balance FROM accounts WHERE user_id = ?", user);
    }

    BigDecimal frozen(long user) {
        return db.queryDecimal("account_db", "SELECT frozen FROM accounts WHERE user_id = ?", user);
    }

    public int stock(long product) {
        return db.queryDecimal("inventory_db", "SELECT stock FROM inventory WHERE product_id = ?", product).intValue();
    }

    int frozenStock(long product) {
        return db.queryDecimal("inventory_db", "SELECT frozen_stock FROM inventory WHERE product_id = ?", product)
                .intValue();
    }

    /** Every order row there is, whoever's. */
    public long orderCount() {
        return db.queryDecimal("order_db", "SELECT COUNT(*) FROM orders").longValue();
    }

    public List<String> orderStatuses(long user) {
        return db.queryStrings("order_db", "SELECT status FROM orders WHERE user_id = ? ORDER BY order_id", user);
    }

    List<String> failureReasons(long user) {
        return db.queryStrings("order_db", "SELECT failure_reason FROM orders WHERE user_id = ? AND status = 'FAILED'",
                user);
    }

    BigDecimal paid(long user) {
        return db.queryDecimal("order_db", "SELECT COALESCE(SUM(amount), 0) FROM orders WHERE user_id = ?"
                + " AND status = 'SUCCESS'", user);
    }

    int sold(long product) {
        return db.queryDecimal("order_db", "SELECT COALESCE(SUM(quantity), 0) FROM orders WHERE product_id = ?"
                + " AND status = 'SUCCESS'", product).intValue();
    }

    /** What the user's orders so far would cost: set once an order's steps have run (its amount is 0 before). */
    BigDecimal amountOfOrders(long user) {
        return db.queryDecimal("order_db", "SELECT COALESCE(SUM(amount), 0) FROM orders WHERE user_id = ?", user);
    }

    /** The global transactions of the user's orders, oldest order first. */
    List<String> xidsOfOrders(long user) {
        return db.queryStrings("order_db", "SELECT xid FROM orders WHERE user_id = ? ORDER BY order_id", user);
    }

    int ordersWithKey(String key) {
        return db.queryDecimal("order_db", "SELECT COUNT(*) FROM orders WHERE idempotency_key = ?", key).intValue();
    }

    /** XA transactions the server still holds prepared (all databases). */
    List<String> preparedXa() {
        return db.query("order_db", "XA RECOVER", row -> row.getString("data"));
    }

    List<long[]> tccIntervalsMillis(long user) {
        return db.query("order_db", "SELECT created_at, updated_at FROM orders"
                        + " WHERE user_id = ? AND status = 'SUCCESS' ORDER BY created_at",
                row -> new long[] {row.getTimestamp(1).getTime(), row.getTimestamp(2).getTime()}, user);
    }
}
