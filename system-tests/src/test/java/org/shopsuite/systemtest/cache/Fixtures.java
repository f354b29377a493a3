package org.shopsuite.systemtest.cache;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;
import org.shopsuite.testfixtures.TestInfrastructure;

/** Rows written straight into the databases with SQL (as root), as an operator's fix would be. */
final class Fixtures {

    private static final AtomicLong NEXT = new AtomicLong(System.currentTimeMillis() % 1_000_000 * 1000 + 500);

    private final TestInfrastructure infra;

    Fixtures(TestInfrastructure infra) {
        this.infra = infra;
    }

    long newProduct(String name, String price, int stock) {
        try (Connection c = connect("inventory_db");
             PreparedStatement insert = c.prepareStatement("INSERT INTO inventory (product_name, price, stock)"
                     + " VALUES (?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
            insert.setString(1, name);
            insert.setBigDecimal(2, new java.math.BigDecimal(price));
            insert.setInt(3, stock);
            insert.executeUpdate();
            ResultSet keys = insert.getGeneratedKeys();
            keys.next();
            return keys.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    long newUser(String balance) {
        long user = NEXT.incrementAndGet();
        sql("account_db", "INSERT INTO accounts (user_id, balance) VALUES (" + user + ", " + balance + ")");
        return user;
    }

    /** A product id no row has (yet). */
    long unusedProductId() {
        return 5_000_000 + NEXT.incrementAndGet();
    }

    void sql(String database, String statement) {
        try (Connection c = connect(database)) {
            c.createStatement().executeUpdate(statement);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first column of the first row the query returns, as text. */
    String query(String database, String query) {
        try (Connection c = connect(database); ResultSet rows = c.createStatement().executeQuery(query)) {
            if (!rows.next()) {
                throw new IllegalStateException("no row for: " + query);
            }
            return rows.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(infra.jdbcUrl(database), "root", "");
    }
}
