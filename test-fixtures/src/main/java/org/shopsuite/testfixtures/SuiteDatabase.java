package org.shopsuite.testfixtures;

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
import java.util.function.UnaryOperator;

/**
 * The suite's databases (inventory_db, account_db, order_db) as tests' fixtures reach them: as root, which the
 * contract allows for tests, one connection a call, autocommit. Every statement takes {@code ?} parameters; a failure
 * is an {@link IllegalStateException} naming the statement. The seed helpers make rows of a test's own.
 */
public final class SuiteDatabase {

    /** User ids of this JVM's accounts: from the clock, so a second run beside this one picks other ids. */
    private static final AtomicLong NEXT_USER = new AtomicLong(System.currentTimeMillis() % 1_000_000 * 1000);
    private static final AtomicLong UNUSED_IDS = new AtomicLong(1000);

    private final UnaryOperator<String> jdbcUrl;

    private SuiteDatabase(UnaryOperator<String> jdbcUrl) {
        this.jdbcUrl = jdbcUrl;
    }

    /** The databases of the test infrastructure, as root. */
    public static SuiteDatabase asRoot(TestInfrastructure infra) {
        return new SuiteDatabase(infra::jdbcUrl);
    }

    /** The databases at the JDBC URL this gives for a database name, as root. */
    public static SuiteDatabase asRoot(UnaryOperator<String> jdbcUrl) {
        return new SuiteDatabase(jdbcUrl);
    }

    /** A connection of the caller's own, to close. */
    public Connection connect(String database) {
        try {
            return DriverManager.getConnection(jdbcUrl.apply(database), "root", "");
        } catch (SQLException e) {
            throw new IllegalStateException("connecting to " + database, e);
        }
    }

    // ---- seeds

    /** Inserts a product; returns its id. */
    public long newProduct(String name, String price, int stock) {
        return insert("inventory_db", "INSERT INTO inventory (product_name, price, stock) VALUES (?, ?, ?)",
                name, new BigDecimal(price), stock);
    }

    /** Inserts an account for a user id no other test of this JVM has; returns that user id. */
    public long newUser(String balance) {
        long userId = NEXT_USER.incrementAndGet();
        update("account_db", "INSERT INTO accounts (user_id, balance) VALUES (?, ?)", userId, new BigDecimal(balance));
        return userId;
    }

    /** An id no product has, nor had. */
    public long unusedProductId() {
        return queryLong("inventory_db", "SELECT COALESCE(MAX(product_id), 0) + ? FROM inventory",
                UNUSED_IDS.incrementAndGet());
    }

    // ---- statements

    /** Runs one statement in a transaction of its own (committed on return); returns the rows it changed. */
    public int update(String database, String statement, Object... parameters) {
        return run(database, statement, c -> {
            try (PreparedStatement s = prepare(c, statement, parameters)) {
                return s.executeUpdate();
            }
        });
    }

    /** Runs an insert; returns the key it generated. */
    public long insert(String database, String statement, Object... parameters) {
        return run(database, statement, c -> {
            try (PreparedStatement s = c.prepareStatement(statement, Statement.RETURN_GENERATED_KEYS)) {
                bind(s, parameters);
                s.executeUpdate();
                try (ResultSet keys = s.getGeneratedKeys()) {
                    if (!keys.next()) {
                        throw new IllegalStateException("no generated key for " + statement);
                    }
                    return keys.getLong(1);
                }
            }
        });
    }

    /** Every row the query returns, as {@code row} reads it. */
    public <T> List<T> query(String database, String query, Row<T> row, Object... parameters) {
        return run(database, query, c -> {
            try (PreparedStatement s = prepare(c, query, parameters); ResultSet rows = s.executeQuery()) {
                List<T> values = new ArrayList<>();
                while (rows.next()) {
                    values.add(row.read(rows));
                }
                return values;
            }
        });
    }

    /** The first column of every row, as text. */
    public List<String> queryStrings(String database, String query, Object... parameters) {
        return query(database, query, r -> r.getString(1), parameters);
    }

    /** The first column of the one row the query must return, as text (null for SQL NULL). */
    public String queryString(String database, String query, Object... parameters) {
        return first(queryStrings(database, query, parameters), query);
    }

    public long queryLong(String database, String query, Object... parameters) {
        return first(query(database, query, r -> r.getLong(1), parameters), query);
    }

    /** The first column of the first row as a number; no row, or NULL, is an error. */
    public BigDecimal queryDecimal(String database, String query, Object... parameters) {
        String value = queryString(database, query, parameters);
        if (value == null) {
            throw new IllegalStateException("NULL for " + query);
        }
        return new BigDecimal(value);
    }

    /** Reads one row of a result. */
    @FunctionalInterface
    public interface Row<T> {
        T read(ResultSet row) throws SQLException;
    }

    static void bind(PreparedStatement statement, Object... parameters) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
    }

    private static PreparedStatement prepare(Connection c, String statement, Object... parameters) throws SQLException {
        PreparedStatement s = c.prepareStatement(statement);
        try {
            bind(s, parameters);
        } catch (SQLException e) {
            s.close();
            throw e;
        }
        return s;
    }

    private static <T> T first(List<T> values, String query) {
        if (values.isEmpty()) {
            throw new IllegalStateException("no row for " + query);
        }
        return values.get(0);
    }

    private <T> T run(String database, String statement, Work<T> work) {
        try (Connection c = connect(database)) {
            return work.on(c);
        } catch (SQLException e) {
            throw new IllegalStateException(statement, e);
        }
    }

    @FunctionalInterface
    private interface Work<T> {
        T on(Connection connection) throws SQLException;
    }
}
