package org.shopsuite.canalsync;

import static org.assertj.core.api.Assertions.assertThat;

import com.alibaba.otter.canal.protocol.CanalEntry.Column;
import com.alibaba.otter.canal.protocol.CanalEntry.Entry;
import com.alibaba.otter.canal.protocol.CanalEntry.EntryType;
import com.alibaba.otter.canal.protocol.CanalEntry.EventType;
import com.alibaba.otter.canal.protocol.CanalEntry.Header;
import com.alibaba.otter.canal.protocol.CanalEntry.RowChange;
import com.alibaba.otter.canal.protocol.CanalEntry.RowData;
import com.alibaba.otter.canal.protocol.Message;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.shopsuite.cache.AccountView;
import org.shopsuite.cache.CacheKey;
import org.shopsuite.cache.CacheWrite;
import org.shopsuite.cache.CachedRow;
import org.shopsuite.cache.ProductView;

class BinlogChangesTest {

    static final Map<String, String> PRODUCT_V2 = Map.of("product_id", "7", "product_name", "Lamp", "price", "12.50",
            "stock", "40", "frozen_stock", "3", "version", "2", "updated_at", "2025-01-01 10:00:00.000");
    static final Map<String, String> PRODUCT_V3 = with(PRODUCT_V2, "stock", "39", "version", "3");
    static final Map<String, String> ACCOUNT_V4 = Map.of("account_id", "11", "user_id", "5", "balance", "990.10",
            "frozen", "9.90", "version", "4", "updated_at", "2025-01-01 10:00:00.000");

    @Test
    void anUpdatedProductBecomesAChangeOfItsPublicViewAtItsNewVersion() {
        List<BinlogChange> changes = BinlogChanges.in(batch(
                entry("inventory_db", "inventory", EventType.UPDATE, PRODUCT_V2, PRODUCT_V3)));

        assertThat(changes).singleElement().satisfies(change -> {
            assertThat(change.write()).isEqualTo(CacheWrite.change(
                    CachedRow.of(new ProductView(7, "Lamp", new BigDecimal("12.50"), 39, 3)), false));
            assertThat(change.position()).isEqualTo("mysql-bin.000001:4711");
            assertThat(change.executeTime()).isEqualTo(1_700_000_000_000L);
            assertThat(change.eventType()).isEqualTo("UPDATE");
        });
    }

    @Test
    void anInsertedAccountIsKeyedByUserIdAndMarkedAsAnInsert() {
        List<BinlogChange> changes = BinlogChanges.in(batch(
                entry("account_db", "accounts", EventType.INSERT, Map.of(), ACCOUNT_V4)));

        assertThat(changes).extracting(BinlogChange::write).containsExactly(CacheWrite.change(
                CachedRow.of(new AccountView(5, new BigDecimal("990.10"), 4)), true));
    }

    @Test
    void aDeletedRowBecomesATombstoneAtTheVersionItHadWhenDeleted() {
        List<BinlogChange> changes = BinlogChanges.in(batch(
                entry("inventory_db", "inventory", EventType.DELETE, PRODUCT_V3, Map.of())));

        assertThat(changes).extracting(BinlogChange::write).containsExactly(CacheWrite.delete(CacheKey.product(7), 3));
    }

    @Test
    void amountsKeepTheirColumnsScaleWhereCanalDropsTrailingZeros() {
        Map<String, String> asCanalPrintsIt = with(ACCOUNT_V4, "balance", "1000.0");

        List<BinlogChange> changes = BinlogChanges.in(batch(
                entry("account_db", "accounts", EventType.INSERT, Map.of(), asCanalPrintsIt)));

        assertThat(((AccountView) changes.get(0).write().row().value()).balance()).hasToString("1000.00");
    }

    @Test
    void anUpdateThatChangesTheIdRetiresTheOldKey() {
        Map<String, String> moved = with(ACCOUNT_V4, "user_id", "6", "version", "5");

        List<BinlogChange> changes = BinlogChanges.in(batch(
                entry("account_db", "accounts", EventType.UPDATE, ACCOUNT_V4, moved)));

        assertThat(changes).extracting(BinlogChange::write).containsExactly(
                CacheWrite.delete(CacheKey.account(5), 4),
                CacheWrite.change(CachedRow.of(new AccountView(6, new BigDecimal("990.10"), 5)), false));
    }

    @Test
    void otherTablesTransactionMarkersAndUnreadableRowsAreLeftOut() {
        Entry begin = Entry.newBuilder().setEntryType(EntryType.TRANSACTIONBEGIN).setHeader(header("", "")).build();
        Entry orders = entry("order_db", "orders", EventType.INSERT, Map.of(), Map.of("order_id", "1"));
        Entry broken = entry("inventory_db", "inventory", EventType.INSERT, Map.of(), with(PRODUCT_V2, "price", null));
        Entry good = entry("inventory_db", "inventory", EventType.UPDATE, PRODUCT_V2, PRODUCT_V3);

        List<BinlogChange> changes = BinlogChanges.in(batch(begin, orders, broken, good));

        assertThat(changes).extracting(c -> c.write().row().version()).containsExactly(3L);
    }

    private static Message batch(Entry... entries) {
        Message message = new Message(42);
        for (Entry entry : entries) {
            message.addEntry(entry);
        }
        return message;
    }

    private static Entry entry(String schema, String table, EventType type, Map<String, String> before,
                               Map<String, String> after) {
        RowData.Builder row = RowData.newBuilder();
        before.forEach((name, value) -> row.addBeforeColumns(column(name, value)));
        after.forEach((name, value) -> row.addAfterColumns(column(name, value)));
        RowChange change = RowChange.newBuilder().setEventType(type).addRowDatas(row).build();
        return Entry.newBuilder()
                .setEntryType(EntryType.ROWDATA)
                .setHeader(header(schema, table).toBuilder().setEventType(type))
                .setStoreValue(change.toByteString())
                .build();
    }

    private static Header header(String schema, String table) {
        return Header.newBuilder().setSchemaName(schema).setTableName(table)
                .setLogfileName("mysql-bin.000001").setLogfileOffset(4711).setExecuteTime(1_700_000_000_000L).build();
    }

    private static Column column(String name, String value) {
        Column.Builder column = Column.newBuilder().setName(name).setIsNull(value == null)
                .setMysqlType(List.of("price", "balance", "frozen").contains(name) ? "decimal(10,2)" : "int");
        return (value == null ? column : column.setValue(value)).build();
    }

    private static Map<String, String> with(Map<String, String> row, String... namesAndValues) {
        Map<String, String> copy = new LinkedHashMap<>(row);
        for (int i = 0; i < namesAndValues.length; i += 2) {
            copy.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return copy;
    }
}
