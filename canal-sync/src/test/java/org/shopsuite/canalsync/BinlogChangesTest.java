package org.shopsuite.canalsync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.shopsuite.canalsync.CanalEntries.ACCOUNT_V4;
import static org.shopsuite.canalsync.CanalEntries.PRODUCT_V2;
import static org.shopsuite.canalsync.CanalEntries.PRODUCT_V3;
import static org.shopsuite.canalsync.CanalEntries.changesIn;
import static org.shopsuite.canalsync.CanalEntries.row;
import static org.shopsuite.canalsync.CanalEntries.with;

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


    @Test
    void anUpdatedProductBecomesAChangeOfItsPublicViewAtItsNewVersion() {
        List<BinlogChange> changes = changesIn(row("inventory_db", "inventory", EventType.UPDATE, PRODUCT_V2, PRODUCT_V3));

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
        List<BinlogChange> changes = changesIn(row("account_db", "accounts", EventType.INSERT, Map.of(), ACCOUNT_V4));

        assertThat(changes).extracting(BinlogChange::write).containsExactly(CacheWrite.change(
                CachedRow.of(new AccountView(5, new BigDecimal("990.10"), 4)), true));
    }

    @Test
    void aDeletedRowBecomesATombstoneAtTheVersionItHadWhenDeleted() {
        List<BinlogChange> changes = changesIn(row("inventory_db", "inventory", EventType.DELETE, PRODUCT_V3, Map.of()));

        assertThat(changes).extracting(BinlogChange::write).containsExactly(CacheWrite.delete(CacheKey.product(7), 3));
    }

    @Test
    void amountsKeepTheirColumnsScaleWhereCanalDropsTrailingZeros() {
        Map<String, String> asCanalPrintsIt = with(ACCOUNT_V4, "balance", "1000.0");

        List<BinlogChange> changes = changesIn(row("account_db", "accounts", EventType.INSERT, Map.of(), asCanalPrintsIt));

        assertThat(((AccountView) changes.get(0).write().row().value()).balance()).hasToString("1000.00");
    }

    @Test
    void anUpdateThatChangesTheIdRetiresTheOldKey() {
        Map<String, String> moved = with(ACCOUNT_V4, "user_id", "6", "version", "5");

        List<BinlogChange> changes = changesIn(row("account_db", "accounts", EventType.UPDATE, ACCOUNT_V4, moved));

        assertThat(changes).extracting(BinlogChange::write).containsExactly(
                CacheWrite.delete(CacheKey.account(5), 4),
                CacheWrite.change(CachedRow.of(new AccountView(6, new BigDecimal("990.10"), 5)), false));
    }

    @Test
    void otherTablesTransactionMarkersAndUnreadableRowsAreLeftOut() {
        Entry begin = Entry.newBuilder().setEntryType(EntryType.TRANSACTIONBEGIN).setHeader(CanalEntries.header("", "")).build();
        Entry orders = row("order_db", "orders", EventType.INSERT, Map.of(), Map.of("order_id", "1"));
        Entry broken = row("inventory_db", "inventory", EventType.INSERT, Map.of(), with(PRODUCT_V2, "price", null));
        Entry good = row("inventory_db", "inventory", EventType.UPDATE, PRODUCT_V2, PRODUCT_V3);

        List<BinlogChange> changes = changesIn(begin, orders, broken, good);

        assertThat(changes).extracting(c -> c.write().row().version()).containsExactly(3L);
    }
}
