package org.shopsuite.canalsync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.shopsuite.canalsync.CanalEntries.ACCOUNT_V4;
import static org.shopsuite.canalsync.CanalEntries.FILE;
import static org.shopsuite.canalsync.CanalEntries.PRODUCT_V2;
import static org.shopsuite.canalsync.CanalEntries.PRODUCT_V3;
import static org.shopsuite.canalsync.CanalEntries.changesIn;
import static org.shopsuite.canalsync.CanalEntries.row;
import static org.shopsuite.canalsync.CanalEntries.rows;
import static org.shopsuite.canalsync.CanalEntries.with;

import com.alibaba.otter.canal.protocol.CanalEntry.Entry;
import com.alibaba.otter.canal.protocol.CanalEntry.EntryType;
import com.alibaba.otter.canal.protocol.CanalEntry.EventType;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.shopsuite.cache.AccountView;
import org.shopsuite.cache.BinlogVersion;
import org.shopsuite.cache.CacheKey;
import org.shopsuite.cache.CacheWrite;
import org.shopsuite.cache.CachedRow;
import org.shopsuite.cache.ProductView;

class BinlogChangesTest {

    @Test
    void anUpdatedProductBecomesAChangeOfItsPublicViewAtItsPlaceInTheBinlog() {
        Entry update = row("inventory_db", "inventory", EventType.UPDATE, PRODUCT_V2, PRODUCT_V3);
        long offset = update.getHeader().getLogfileOffset();

        List<BinlogChange> changes = changesIn(update);

        assertThat(changes).singleElement().satisfies(change -> {
            assertThat(change.write()).isEqualTo(CacheWrite.change(CachedRow.of(new ProductView(7, "Lamp",
                    new BigDecimal("12.50"), 39, BinlogVersion.of(FILE, offset, 1)))));
            assertThat(change.position()).isEqualTo(FILE + ":" + offset);
            assertThat(change.executeTime()).isEqualTo(1_700_000_000_000L);
            assertThat(change.eventType()).isEqualTo("UPDATE");
        });
    }

    @Test
    void rowsOfOneEventAreNumberedInTheirOrderAfterTheEventsStart() {
        Entry multiRow = rows("inventory_db", "inventory", EventType.UPDATE,
                List.of(PRODUCT_V2, with(PRODUCT_V2, "product_id", "8")),
                List.of(PRODUCT_V3, with(PRODUCT_V3, "product_id", "8")));
        long offset = multiRow.getHeader().getLogfileOffset();

        assertThat(changesIn(multiRow)).extracting(change -> change.write().row().version())
                .containsExactly(BinlogVersion.of(FILE, offset, 1), BinlogVersion.of(FILE, offset, 2));
    }

    @Test
    void anInsertedAccountIsKeyedByUserId() {
        Entry insert = row("account_db", "accounts", EventType.INSERT, Map.of(), ACCOUNT_V4);

        assertThat(changesIn(insert)).extracting(BinlogChange::write).containsExactly(CacheWrite.change(CachedRow.of(
                new AccountView(5, new BigDecimal("990.10"), BinlogVersion.of(FILE, insert.getHeader().getLogfileOffset(), 1)))));
    }

    @Test
    void aDeletedRowBecomesATombstoneAtTheDeletesPlace() {
        Entry delete = row("inventory_db", "inventory", EventType.DELETE, PRODUCT_V3, Map.of());

        assertThat(changesIn(delete)).extracting(BinlogChange::write).containsExactly(CacheWrite.delete(
                CacheKey.product(7), BinlogVersion.of(FILE, delete.getHeader().getLogfileOffset(), 1)));
    }

    @Test
    void aLaterEventsRowOrdersAfterAnEarlierOnesWhateverTheRowSays() {
        // a REPLACE, a restore, a re-insert: the binlog's order is the row's order
        long earlier = changesIn(row("inventory_db", "inventory", EventType.UPDATE, PRODUCT_V2, PRODUCT_V3))
                .get(0).write().row().version();
        long later = changesIn(row("inventory_db", "inventory", EventType.INSERT, Map.of(), PRODUCT_V2))
                .get(0).write().row().version();

        assertThat(later).isGreaterThan(earlier);
    }

    @Test
    void amountsKeepTheirColumnsScaleWhereCanalDropsTrailingZeros() {
        Map<String, String> asCanalPrintsIt = with(ACCOUNT_V4, "balance", "1000.0");

        List<BinlogChange> changes = changesIn(row("account_db", "accounts", EventType.INSERT, Map.of(), asCanalPrintsIt));

        assertThat(((AccountView) changes.get(0).write().row().value()).balance()).hasToString("1000.00");
    }

    @Test
    void anUpdateThatChangesTheIdRetiresTheOldKey() {
        Map<String, String> moved = with(ACCOUNT_V4, "user_id", "6");
        Entry update = row("account_db", "accounts", EventType.UPDATE, ACCOUNT_V4, moved);
        long version = BinlogVersion.of(FILE, update.getHeader().getLogfileOffset(), 1);

        assertThat(changesIn(update)).extracting(BinlogChange::write).containsExactly(
                CacheWrite.delete(CacheKey.account(5), version),
                CacheWrite.change(CachedRow.of(new AccountView(6, new BigDecimal("990.10"), version))));
    }

    @Test
    void otherTablesTransactionMarkersAndUnreadableRowsAreLeftOut() {
        Entry begin = Entry.newBuilder().setEntryType(EntryType.TRANSACTIONBEGIN).setHeader(CanalEntries.header("", "")).build();
        Entry orders = row("order_db", "orders", EventType.INSERT, Map.of(), Map.of("order_id", "1"));
        Entry broken = row("inventory_db", "inventory", EventType.INSERT, Map.of(), with(PRODUCT_V2, "price", null));
        Entry good = row("inventory_db", "inventory", EventType.UPDATE, PRODUCT_V2, PRODUCT_V3);

        List<BinlogChange> changes = changesIn(begin, orders, broken, good);

        assertThat(changes).extracting(c -> c.write().row().version())
                .containsExactly(BinlogVersion.of(FILE, good.getHeader().getLogfileOffset(), 1));
    }
}
