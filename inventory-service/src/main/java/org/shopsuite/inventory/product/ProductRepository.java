package org.shopsuite.inventory.product;

import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

@Repository
public class ProductRepository {

    static final String COLUMNS = "product_id, product_name, price, stock, frozen_stock, version";
    static final RowMapper<Product> ROW = (rs, n) -> new Product(rs.getLong("product_id"), rs.getString("product_name"),
            rs.getBigDecimal("price"), rs.getInt("stock"), rs.getInt("frozen_stock"), rs.getLong("version"));

    private final JdbcTemplate jdbc;

    ProductRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Product> find(long productId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM inventory WHERE product_id = ?", ROW, productId)
                .stream().findFirst();
    }

    /** The row, locked until the caller's transaction ends (the given template decides which DataSource). */
    public static Optional<Product> lock(JdbcTemplate jdbc, long productId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM inventory WHERE product_id = ? FOR UPDATE", ROW, productId)
                .stream().findFirst();
    }
}
