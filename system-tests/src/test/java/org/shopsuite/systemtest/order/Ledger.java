package org.shopsuite.systemtest.order;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.shopsuite.testfixtures.TestInfrastructure;

/** Fixtures and bookkeeping straight from the databases (as root): the ground truth the API is checked against. */
public final class Ledger {

    private static final AtomicLong NEXT_USER = new AtomicLong(System.currentTimeMillis() % 1_000_000 * 1000);

    private final TestInfrastructure infra;

    public Ledger(TestInfrastructure infra) {
        this.infra = infra;
    }

    public long newUser(String balance) {
        long user = NEXT_USER.incrementAndGet();
        update("account_db", "INSERT INTO accounts (user_id, balance) VALUES (?, ?)", user, new BigDecimal(balance));
        return user;
    }

    public long newProduct(String price, int stock) {
        try (Connection c = connect("inventory_db");
             PreparedStatement insert = c.prepareStatement(
                     "INSERT INTO inventory (product_name, price, stock) VALUES ('test product', ?, ?)",
                     Statement.RETURN_GENERATED_KEYS)) {
            insert.setBigDecimal(1, new BigDecimal(price));
            insert.setInt(2, stock);
            insert.executeUpdate();
            ResultSet keys = insert.getGeneratedKeys();
            keys.next();
            return keys.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public BigDecimal balance(long user) {
        return decimal("account_db", "SELECT balance FROM accounts WHERE user_id = ?", user);
    }

    BigDecimal frozen(long user) {
        return decimal("account_db", "SELECT frozen FROM accounts WHERE user_id = ?", user);
    }

    public int stock(long product) {
        return decimal("inventory_db", "SELECT stock FROM inventory WHERE product_id = ?", product).intValue();
    }

    int frozenStock(long product) {
        return decimal("inventory_db", "SELECT frozen_stock FROM inventory WHERE product_id = ?", product).intValue();
    }

    /** Every order row there is, whoever's. */
    public long orderCount() {
        return decimal("order_db", "SELECT COUNT(*) FROM orders").longValue();
    }

    public List<String> orderStatuses(long user) {
        return strings("order_db", "SELECT status FROM orders WHERE user_id = ? ORDER BY order_id", user);
    }

    List<String> failureReasons(long user) {
        return strings("order_db", "SELECT failure_reason FROM orders WHERE user_id = ? AND status = 'FAILED'", user);
    }

    BigDecimal paid(long user) {
        return decimal("order_db", "SELECT COALESCE(SUM(amount), 0) FROM orders WHERE user_id = ? AND status = 'SUCCESS'",
                user);
    }

    int sold(long product) {
        return decimal("order_db", "SELECT COALESCE(SUM(quantity), 0) FROM orders WHERE product_id = ?"
                + " AND status = 'SUCCESS'", product).intValue();
    }

    /** What the user's orders so far would cost: set once an order's steps have run (its amount is 0 before). */
    BigDecimal amountOfOrders(long user) {
        return decimal("order_db", "SELECT COALESCE(SUM(amount), 0) FROM orders WHERE user_id = ?", user);
    }

    int ordersWithKey(String key) {
        return decimal("order_db", "SELECT COUNT(*) FROM orders WHERE idempotency_key = ?", key).intValue();
    }

    /** XA transactions the server still holds prepared (all databases). */
    List<String> preparedXa() {
        try (Connection c = connect("order_db"); ResultSet rs = c.createStatement().executeQuery("XA RECOVER")) {
            List<String> prepared = new ArrayList<>();
            while (rs.next()) {
                prepared.add(rs.getString("data"));
            }
            return prepared;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    List<long[]> tccIntervalsMillis(long user) {
        List<long[]> intervals = new ArrayList<>();
        try (Connection c = connect("order_db");
             PreparedStatement query = c.prepareStatement("SELECT created_at, updated_at FROM orders"
                     + " WHERE user_id = ? AND status = 'SUCCESS' ORDER BY created_at")) {
            query.setLong(1, user);
            ResultSet rs = query.executeQuery();
            while (rs.next()) {
                intervals.add(new long[] {rs.getTimestamp(1).getTime(), rs.getTimestamp(2).getTime()});
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return intervals;
    }

    void update(String database, String sql, Object... args) {
        try (Connection c = connect(database); PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                statement.setObject(i + 1, args[i]);
            }
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private BigDecimal decimal(String database, String sql, Object... args) {
        List<String> values = strings(database, sql, args);
        if (values.isEmpty() || values.get(0) == null) {
            throw new IllegalStateException("no row for " + sql);
        }
        return new BigDecimal(values.get(0));
    }

    private List<String> strings(String database, String sql, Object... args) {
        try (Connection c = connect(database); PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                statement.setObject(i + 1, args[i]);
            }
            List<String> values = new ArrayList<>();
            ResultSet rs = statement.executeQuery();
            while (rs.next()) {
                values.add(rs.getString(1));
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(infra.jdbcUrl(database), "root", "");
    }
}
