package org.shopsuite.inventory.product;

import java.util.Optional;
import org.shopsuite.support.snapshot.SnapshotReads;
import org.shopsuite.support.snapshot.SnapshotReads.Snapshot;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

@Repository
public class ProductRepository {

    static final String COLUMNS = "product_id, product_name, price, stock, frozen_stock";
    static final RowMapper<Product> ROW = (rs, n) -> new Product(rs.getLong("product_id"), rs.getString("product_name"),
            rs.getBigDecimal("price"), rs.getInt("stock"), rs.getInt("frozen_stock"));

    private final JdbcTemplate jdbc;

    ProductRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Product> find(long productId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM inventory WHERE product_id = ?", ROW, productId)
                .stream().findFirst();
    }

    /** The row as of a consistent snapshot, with the snapshot's binlog position: what a cache may keep. */
    public Snapshot<Product> findInSnapshot(long productId) {
        return SnapshotReads.first(jdbc, "SELECT " + COLUMNS + " FROM inventory WHERE product_id = ?", ROW, productId);
    }

    /** The row, locked until the caller's transaction ends (the given template decides which DataSource). */
    public static Optional<Product> lock(JdbcTemplate jdbc, long productId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM inventory WHERE product_id = ? FOR UPDATE", ROW, productId)
                .stream().findFirst();
    }
}
