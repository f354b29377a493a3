package org.shopsuite.bench.setup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The rows the benchmarks use, written as root (the contract's operator login) straight into the suite's databases and
 * bench_db: users and products in id ranges of their own (900000+ for orders, 2000000+ for reads) that no seed or
 * test uses. Idempotent: balances and stock are topped up on every run, so a run can never exhaust them.
 */
public final class BenchData implements AutoCloseable {

    /** What a bench user may spend and what a bench product holds: more than any run takes (DECIMAL(10,2)). */
    static final String BALANCE = "10000000.00";
    static final long STOCK = 100_000_000L;
    private static final int BATCH = 2_000;

    private final Connection root;

    public BenchData(String jdbcUrl) throws SQLException {
        this.root = DriverManager.getConnection(jdbcUrl, "root", "");
    }

    /** Creates bench_db, its tables and bench_svc from {@code sql/bench/bench_db.sql} when the database lacks them. */
    public boolean ensureBenchSchema(Path sqlFile) throws SQLException, IOException {
        try (Statement s = root.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM information_schema.TABLES"
                     + " WHERE TABLE_SCHEMA = 'bench_db' AND TABLE_NAME IN ('accounts', 'inventory', 'orders')")) {
            rs.next();
            if (rs.getInt(1) == 3) {
                return false;
            }
        }
        try (Statement s = root.createStatement()) {
            s.execute(Files.readString(sqlFile));
        }
        return true;
    }

    /** Runs one statement as root (setting a user's password, say). */
    public void execute(String sql) throws SQLException {
        try (Statement s = root.createStatement()) {
            s.execute(sql);
        }
    }

    /** Users with a balance and products with stock, in the suite's databases and in bench_db alike. */
    public void topUpOrderRows(long firstUser, int users, long firstProduct, int products) throws SQLException {
        for (String db : new String[] {"account_db", "bench_db"}) {
            upsertRows("INSERT INTO " + db + ".accounts (user_id, balance) VALUES ",
                    "ON DUPLICATE KEY UPDATE balance = VALUES(balance)", firstUser, users,
                    id -> "(" + id + ", " + BALANCE + ")");
        }
        for (String db : new String[] {"inventory_db", "bench_db"}) {
            upsertRows("INSERT INTO " + db + ".inventory (product_id, product_name, price, stock) VALUES ",
                    "ON DUPLICATE KEY UPDATE stock = VALUES(stock)", firstProduct, products,
                    id -> "(" + id + ", 'bench order product " + id + "', 1.00, " + STOCK + ")");
        }
    }

    /** Products for the cached reads; left as they are when they exist already. Returns how many were new. */
    public int insertReadProducts(long first, int count) throws SQLException {
        return upsertRows("INSERT IGNORE INTO inventory_db.inventory (product_id, product_name, price, stock) VALUES ",
                "", first, count, id -> "(" + id + ", 'bench read product " + id + "', 1.00, 1000)");
    }

    /** One committed change of a product's stock (autocommit): the event whose propagation freshness measures. */
    public void setStock(long productId, long stock) throws SQLException {
        try (PreparedStatement update = root.prepareStatement(
                "UPDATE inventory_db.inventory SET stock = ? WHERE product_id = ?")) {
            update.setLong(1, stock);
            update.setLong(2, productId);
            if (update.executeUpdate() != 1) {
                throw new SQLException("product " + productId + " does not exist");
            }
        }
    }

    public String serverVersion() throws SQLException {
        try (Statement s = root.createStatement(); ResultSet rs = s.executeQuery("SELECT VERSION(), @@version_comment")) {
            rs.next();
            // the native stack's MariaDB reports "5.5.5-<real version>" on purpose (README: Seata XA); show the real one
            return rs.getString(1).replaceFirst("^5\\.5\\.5-", "") + " (" + rs.getString(2) + ")";
        }
    }

    private int upsertRows(String insert, String onDuplicate, long first, int count,
                           java.util.function.LongFunction<String> values) throws SQLException {
        int changed = 0;
        try (Statement s = root.createStatement()) {
            for (int from = 0; from < count; from += BATCH) {
                StringBuilder sql = new StringBuilder(insert);
                for (int i = from; i < Math.min(count, from + BATCH); i++) {
                    sql.append(i == from ? "" : ",").append(values.apply(first + i));
                }
                changed += s.executeUpdate(sql.append(' ').append(onDuplicate).toString());
            }
        }
        return changed;
    }

    @Override
    public void close() throws SQLException {
        root.close();
    }
}
