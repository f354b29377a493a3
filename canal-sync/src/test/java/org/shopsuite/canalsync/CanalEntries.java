package org.shopsuite.canalsync;

import com.alibaba.otter.canal.protocol.CanalEntry.Column;
import com.alibaba.otter.canal.protocol.CanalEntry.Entry;
import com.alibaba.otter.canal.protocol.CanalEntry.EntryType;
import com.alibaba.otter.canal.protocol.CanalEntry.EventType;
import com.alibaba.otter.canal.protocol.CanalEntry.Header;
import com.alibaba.otter.canal.protocol.CanalEntry.Pair;
import com.alibaba.otter.canal.protocol.CanalEntry.RowChange;
import com.alibaba.otter.canal.protocol.CanalEntry.RowData;
import com.alibaba.otter.canal.protocol.CanalEntry.TransactionEnd;
import com.alibaba.otter.canal.protocol.Message;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Canal entries as the server sends them for MariaDB's binlog (GTID, rows, commit or XA END; XA COMMIT/ROLLBACK). */
final class CanalEntries {

    static final Map<String, String> PRODUCT_V2 = Map.of("product_id", "7", "product_name", "Lamp", "price", "12.50",
            "stock", "40", "frozen_stock", "3", "updated_at", "2025-01-01 10:00:00.000");
    static final Map<String, String> PRODUCT_V3 = with(PRODUCT_V2, "stock", "39");
    static final Map<String, String> ACCOUNT_V4 = Map.of("account_id", "11", "user_id", "5", "balance", "990.10",
            "frozen", "9.90", "updated_at", "2025-01-01 10:00:00.000");
    static final String FILE = "mysql-bin.000001";
    /** Each entry built here starts further on in the binlog than the one built before it. */
    private static final java.util.concurrent.atomic.AtomicLong NEXT_OFFSET = new java.util.concurrent.atomic.AtomicLong(4);

    private CanalEntries() {
    }

    static Message batch(Entry... entries) {
        Message message = new Message(42);
        for (Entry entry : entries) {
            message.addEntry(entry);
        }
        return message;
    }

    /** What {@link BinlogChanges} reads out of the row-data entries among these. */
    static List<BinlogChange> changesIn(Entry... entries) {
        return java.util.Arrays.stream(entries).filter(e -> e.getEntryType() == EntryType.ROWDATA)
                .flatMap(e -> BinlogChanges.of(e, BinlogChanges.parse(e)).stream()).toList();
    }

    static Entry row(String schema, String table, EventType type, Map<String, String> before,
                     Map<String, String> after) {
        return rows(schema, table, type, List.of(before), List.of(after));
    }

    /** One rows event of several rows: befores and afters pairwise. */
    static Entry rows(String schema, String table, EventType type, List<Map<String, String>> befores,
                      List<Map<String, String>> afters) {
        RowChange.Builder change = RowChange.newBuilder().setEventType(type);
        for (int i = 0; i < befores.size(); i++) {
            RowData.Builder row = RowData.newBuilder();
            befores.get(i).forEach((name, value) -> row.addBeforeColumns(column(name, value)));
            afters.get(i).forEach((name, value) -> row.addAfterColumns(column(name, value)));
            change.addRowDatas(row);
        }
        return Entry.newBuilder()
                .setEntryType(EntryType.ROWDATA)
                .setHeader(header(schema, table).toBuilder().setEventType(type))
                .setStoreValue(change.build().toByteString())
                .build();
    }

    static Entry productUpdate(Map<String, String> before, Map<String, String> after) {
        return row("inventory_db", "inventory", EventType.UPDATE, before, after);
    }

    static Entry gtid() {
        return Entry.newBuilder().setEntryType(EntryType.GTIDLOG).setHeader(header("", "")).build();
    }

    /** The Xid event of a plain commit. */
    static Entry commit() {
        return Entry.newBuilder().setEntryType(EntryType.TRANSACTIONEND).setHeader(header("", ""))
                .setStoreValue(TransactionEnd.newBuilder().setTransactionId("17").build().toByteString()).build();
    }

    /** {@code XA END xid}, which MariaDB writes right before XA PREPARE; Canal leaves a leading space in the XID. */
    static Entry xaEnd(String xid) {
        TransactionEnd end = TransactionEnd.newBuilder().setTransactionId("0")
                .addProps(pair(TransactionOutcomes.XA_TYPE, TransactionOutcomes.XA_END))
                .addProps(pair(TransactionOutcomes.XA_XID, " " + xid)).build();
        return Entry.newBuilder().setEntryType(EntryType.TRANSACTIONEND).setHeader(header("", ""))
                .setStoreValue(end.toByteString()).build();
    }

    static Entry xaCommit(String xid) {
        return xaDecision(EventType.XACOMMIT, "XA COMMIT", xid);
    }

    static Entry xaRollback(String xid) {
        return xaDecision(EventType.XAROLLBACK, "XA ROLLBACK", xid);
    }

    private static Entry xaDecision(EventType type, String statement, String xid) {
        RowChange change = RowChange.newBuilder().setEventType(type).setSql(statement + " " + xid)
                .addProps(pair(TransactionOutcomes.XA_TYPE, statement))
                .addProps(pair(TransactionOutcomes.XA_XID, " " + xid)).build();
        return Entry.newBuilder().setEntryType(EntryType.ROWDATA)
                .setHeader(header("", "").toBuilder().setEventType(type))
                .setStoreValue(change.toByteString()).build();
    }

    static Header header(String schema, String table) {
        return Header.newBuilder().setSchemaName(schema).setTableName(table).setLogfileName(FILE)
                .setLogfileOffset(NEXT_OFFSET.getAndAdd(100)).setEventLength(100).setExecuteTime(1_700_000_000_000L)
                .build();
    }

    static Map<String, String> with(Map<String, String> row, String... namesAndValues) {
        Map<String, String> copy = new LinkedHashMap<>(row);
        for (int i = 0; i < namesAndValues.length; i += 2) {
            copy.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return copy;
    }

    private static Pair pair(String key, String value) {
        return Pair.newBuilder().setKey(key).setValue(value).build();
    }

    private static Column column(String name, String value) {
        Column.Builder column = Column.newBuilder().setName(name).setIsNull(value == null)
                .setMysqlType(List.of("price", "balance", "frozen").contains(name) ? "decimal(10,2)" : "int");
        return (value == null ? column : column.setValue(value)).build();
    }
}
