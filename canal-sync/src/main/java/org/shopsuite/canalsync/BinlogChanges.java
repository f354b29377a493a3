package org.shopsuite.canalsync;

import com.alibaba.otter.canal.protocol.CanalEntry.Column;
import com.alibaba.otter.canal.protocol.CanalEntry.Entry;
import com.alibaba.otter.canal.protocol.CanalEntry.EventType;
import com.alibaba.otter.canal.protocol.CanalEntry.Header;
import com.alibaba.otter.canal.protocol.CanalEntry.RowChange;
import com.alibaba.otter.canal.protocol.CanalEntry.RowData;
import com.google.protobuf.InvalidProtocolBufferException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.shopsuite.cache.BinlogVersion;
import org.shopsuite.cache.CacheKey;
import org.shopsuite.cache.CacheWrite;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the cache writes out of Canal's row-data entries: one per inserted, updated or deleted row of a cached table.
 * Whether and when they may be applied is for {@link TransactionOutcomes} to say.
 */
final class BinlogChanges {

    private static final Logger log = LoggerFactory.getLogger(BinlogChanges.class);
    private static final Pattern DECIMAL = Pattern.compile("(?i)decimal\\(\\d+,\\s*(\\d+)\\)(?: unsigned)?");

    private BinlogChanges() {
    }

    /** The cache writes of one row-data entry: none for tables that are not cached, for DDL and for XA markers. */
    static List<BinlogChange> of(Entry entry, RowChange rowChange) {
        Header header = entry.getHeader();
        Optional<CachedTable> table = CachedTable.of(header.getSchemaName(), header.getTableName());
        if (table.isEmpty() || rowChange.getIsDdl()) {
            return List.of();
        }
        List<BinlogChange> changes = new ArrayList<>();
        List<RowData> rows = rowChange.getRowDatasList();
        for (int index = 0; index < rows.size(); index++) {
            RowData row = rows.get(index);
            try {
                // The row's place in the binlog is its version: its event's start, then its place in the event.
                long version = BinlogVersion.of(header.getLogfileName(), header.getLogfileOffset(), index + 1L);
                changes.addAll(writesFor(table.get(), rowChange.getEventType(), row, version).stream()
                        .map(write -> new BinlogChange(write, table.get(), rowChange.getEventType().name(),
                                position(header), header.getExecuteTime()))
                        .toList());
            } catch (IllegalArgumentException | ArithmeticException e) {
                // Retrying cannot fix a row we cannot read, and holding every later change back would be worse.
                log.error("Skipped a row change ({}) of {} at binlog {}: {}. Its cache entry is not updated and"
                                + " may be stale until it expires. Check that the table still has the columns"
                                + " canal-sync reads (CachedTable); redeploy canal-sync if the schema changed.",
                        rowChange.getEventType(), table.get().qualifiedName(), position(header), e.getMessage());
            }
        }
        return changes;
    }

    private static List<CacheWrite> writesFor(CachedTable table, EventType type, RowData row, long version) {
        return switch (type) {
            case INSERT -> List.of(CacheWrite.change(table.cachedRow(columns(row.getAfterColumnsList()), version)));
            case UPDATE -> {
                Map<String, String> before = columns(row.getBeforeColumnsList());
                Map<String, String> after = columns(row.getAfterColumnsList());
                CacheWrite change = CacheWrite.change(table.cachedRow(after, version));
                CacheKey oldKey = table.key(before);
                // An UPDATE that changes the id moves the row: the old key must not keep serving it.
                yield oldKey.equals(change.row().key())
                        ? List.of(change)
                        : List.of(CacheWrite.delete(oldKey, version), change);
            }
            case DELETE -> List.of(CacheWrite.delete(table.key(columns(row.getBeforeColumnsList())), version));
            default -> List.of();
        };
    }

    static RowChange parse(Entry entry) {
        try {
            return RowChange.parseFrom(entry.getStoreValue());
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("Canal sent a row change that does not parse at binlog "
                    + position(entry.getHeader()), e);
        }
    }

    private static Map<String, String> columns(List<Column> columns) {
        Map<String, String> values = new HashMap<>();
        columns.forEach(c -> values.put(c.getName(), c.getIsNull() ? null : value(c)));
        return values;
    }

    /**
     * Canal prints a DECIMAL whose fraction is all zeros with one zero ({@code 3.00} arrives as {@code 3.0}); the
     * column's declared scale puts the digits back, so the cache shows amounts as the owning service does.
     */
    private static String value(Column column) {
        Matcher decimal = DECIMAL.matcher(column.getMysqlType());
        if (decimal.matches() && !column.getValue().isEmpty()) {
            return new BigDecimal(column.getValue()).setScale(Integer.parseInt(decimal.group(1))).toPlainString();
        }
        return column.getValue();
    }

    static String position(Header header) {
        return header.getLogfileName() + ":" + header.getLogfileOffset();
    }
}
