package org.shopsuite.canalsync;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import org.shopsuite.cache.AccountView;
import org.shopsuite.cache.CacheKey;
import org.shopsuite.cache.CachedRow;
import org.shopsuite.cache.ProductView;

/** The tables whose rows are cached, and how a row image (column name to value, as Canal gives it) becomes one. */
enum CachedTable {

    INVENTORY("inventory_db", "inventory") {
        @Override
        CacheKey key(Map<String, String> row) {
            return CacheKey.product(number(row, "product_id"));
        }

        @Override
        CachedRow cachedRow(Map<String, String> row, long version) {
            return CachedRow.of(new ProductView(number(row, "product_id"), column(row, "product_name"),
                    new BigDecimal(column(row, "price")), (int) number(row, "stock"), version));
        }
    },

    ACCOUNTS("account_db", "accounts") {
        @Override
        CacheKey key(Map<String, String> row) {
            return CacheKey.account(number(row, "user_id")); // the API's id, not account_id
        }

        @Override
        CachedRow cachedRow(Map<String, String> row, long version) {
            return CachedRow.of(new AccountView(number(row, "user_id"), new BigDecimal(column(row, "balance")),
                    version));
        }
    };

    private final String schema;
    private final String table;

    CachedTable(String schema, String table) {
        this.schema = schema;
        this.table = table;
    }

    static Optional<CachedTable> of(String schema, String table) {
        return Arrays.stream(values()).filter(t -> t.schema.equals(schema) && t.table.equals(table)).findFirst();
    }

    abstract CacheKey key(Map<String, String> row);

    /** The row image as cached, at its place in the binlog ({@link org.shopsuite.cache.BinlogVersion}). */
    abstract CachedRow cachedRow(Map<String, String> row, long version);

    String qualifiedName() {
        return schema + "." + table;
    }

    private static String column(Map<String, String> row, String name) {
        String value = row.get(name);
        if (value == null) {
            throw new IllegalArgumentException("column " + name + " is missing or NULL");
        }
        return value;
    }

    private static long number(Map<String, String> row, String name) {
        try {
            return Long.parseLong(column(row, name));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("column " + name + " is not a whole number: " + row.get(name));
        }
    }
}
