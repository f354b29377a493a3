package org.shopsuite.canalsync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.shopsuite.canalsync.CanalEntries.PRODUCT_V2;
import static org.shopsuite.canalsync.CanalEntries.PRODUCT_V3;
import static org.shopsuite.canalsync.CanalEntries.batch;
import static org.shopsuite.canalsync.CanalEntries.commit;
import static org.shopsuite.canalsync.CanalEntries.gtid;
import static org.shopsuite.canalsync.CanalEntries.productUpdate;
import static org.shopsuite.canalsync.CanalEntries.with;
import static org.shopsuite.canalsync.CanalEntries.xaCommit;
import static org.shopsuite.canalsync.CanalEntries.xaEnd;
import static org.shopsuite.canalsync.CanalEntries.xaRollback;

import com.alibaba.otter.canal.protocol.CanalEntry.Entry;
import com.alibaba.otter.canal.protocol.CanalEntry.EventType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.shopsuite.cache.AccountView;
import org.shopsuite.cache.BinlogVersion;
import org.shopsuite.cache.ProductView;
import org.shopsuite.cache.Tombstone;

class TransactionOutcomesTest {

    static final String XID = "X'6131',X'',1";
    static final Map<String, String> PRODUCT_V4 = with(PRODUCT_V3, "stock", "20");

    final TransactionOutcomes outcomes = new TransactionOutcomes(Map.of());

    @Test
    void aPlainTransactionIsAppliedAtItsCommit() {
        TransactionOutcomes.Sorted sorted = outcomes.sort(batch(gtid(), productUpdate(PRODUCT_V2, PRODUCT_V3), commit()));

        assertThat(images(sorted.committed())).containsExactly("product 7: 39");
        assertThat(sorted.prepared()).isEmpty();
        assertThat(outcomes.holdsAnUnfinishedTransaction()).isFalse();
    }

    @Test
    void aPreparedXaTransactionIsHeldUntilItsCommit() {
        TransactionOutcomes.Sorted prepare = outcomes.sort(batch(gtid(), productUpdate(PRODUCT_V2, PRODUCT_V3),
                xaEnd(XID)));
        assertThat(prepare.committed()).isEmpty();
        assertThat(prepare.prepared()).containsOnlyKeys(XID);
        assertThat(outcomes.preparedCount()).isEqualTo(1);
        assertThat(outcomes.holdsAnUnfinishedTransaction()).as("held as prepared, so its batch can be acked").isFalse();

        Entry commit = xaCommit(XID);
        TransactionOutcomes.Sorted decided = outcomes.sort(batch(gtid(), commit));

        assertThat(images(decided.committed())).containsExactly("product 7: 39");
        // at its XA COMMIT's place: a read between PREPARE and COMMIT stands after the rows' own event
        assertThat(decided.committed().get(0).write().row().version())
                .isEqualTo(BinlogVersion.of(CanalEntries.FILE, commit.getHeader().getLogfileOffset(), 1));
        assertThat(decided.decided()).containsExactly(XID);
        assertThat(outcomes.preparedCount()).isZero();
    }

    @Test
    void aRolledBackXaTransactionIsDroppedAndLaterCommitsGoThrough() {
        outcomes.sort(batch(gtid(), productUpdate(PRODUCT_V2, PRODUCT_V3), xaEnd(XID)));

        TransactionOutcomes.Sorted sorted = outcomes.sort(batch(gtid(), xaRollback(XID),
                gtid(), productUpdate(PRODUCT_V2, with(PRODUCT_V3, "stock", "77")), commit()));

        assertThat(sorted.committed()).singleElement().satisfies(change ->
                assertThat(change.write().row().json()).contains("\"stock\":77"));
        assertThat(sorted.rolledBack()).isEqualTo(1);
        assertThat(sorted.decided()).containsExactly(XID);
    }

    @Test
    void commitsAfterAPreparedTransactionDoNotWaitForIt() {
        TransactionOutcomes.Sorted sorted = outcomes.sort(batch(gtid(), productUpdate(PRODUCT_V2, PRODUCT_V3),
                xaEnd(XID), gtid(), CanalEntries.row("account_db", "accounts",
                        com.alibaba.otter.canal.protocol.CanalEntry.EventType.INSERT, Map.of(), CanalEntries.ACCOUNT_V4),
                commit()));

        assertThat(images(sorted.committed())).containsExactly("account 5: 990.10");
        assertThat(sorted.prepared()).containsOnlyKeys(XID);
    }

    @Test
    void aTransactionPreparedAndDecidedInOneBatchIsNeverStored() {
        TransactionOutcomes.Sorted sorted = outcomes.sort(batch(gtid(), productUpdate(PRODUCT_V2, PRODUCT_V3),
                xaEnd(XID), gtid(), xaCommit(XID)));

        assertThat(images(sorted.committed())).containsExactly("product 7: 39");
        assertThat(sorted.prepared()).isEmpty();
        assertThat(sorted.decided()).containsExactly(XID);
    }

    @Test
    void aTransactionPreparedBeforeARestartIsAppliedAtItsCommitAfterIt() {
        TransactionOutcomes before = new TransactionOutcomes(Map.of());
        Map<String, List<BinlogChange>> kept = before.sort(batch(gtid(), productUpdate(PRODUCT_V3, PRODUCT_V4),
                xaEnd(XID))).prepared();

        TransactionOutcomes after = new TransactionOutcomes(kept);
        Entry commit = xaCommit(XID);
        TransactionOutcomes.Sorted sorted = after.sort(batch(gtid(), commit));

        assertThat(images(sorted.committed())).containsExactly("product 7: 20");
        assertThat(sorted.committed().get(0).write().row().version())
                .isEqualTo(BinlogVersion.of(CanalEntries.FILE, commit.getHeader().getLogfileOffset(), 1));
    }

    @Test
    void aTransactionSplitOverBatchesHoldsItsBatchesUnackedUntilItEndsAndWritesEachRowsLastImage() {
        TransactionOutcomes.Sorted first = outcomes.sort(batch(gtid(), productUpdate(PRODUCT_V2, PRODUCT_V3)));
        assertThat(first.committed()).isEmpty();
        assertThat(outcomes.holdsAnUnfinishedTransaction()).isTrue();

        TransactionOutcomes.Sorted second = outcomes.sort(batch(productUpdate(PRODUCT_V3, PRODUCT_V4), commit()));

        assertThat(images(second.committed())).containsExactly("product 7: 20");
        assertThat(outcomes.holdsAnUnfinishedTransaction()).isFalse();
    }

    @Test
    void theDecisionOfATransactionNeverSeenPreparedChangesNothing() {
        TransactionOutcomes.Sorted sorted = outcomes.sort(batch(gtid(), xaCommit("X'7a',X'',1")));

        assertThat(sorted.committed()).isEmpty();
        assertThat(sorted.decided()).containsExactly("X'7a',X'',1");
    }

    @Test
    void theRowsOfAnXaTransactionAreNumberedInTransactionOrderAtTheCommit() {
        outcomes.sort(batch(gtid(), productUpdate(PRODUCT_V2, PRODUCT_V3),
                CanalEntries.row("account_db", "accounts", EventType.INSERT, Map.of(), CanalEntries.ACCOUNT_V4),
                xaEnd(XID)));
        Entry commit = xaCommit(XID);

        List<BinlogChange> committed = outcomes.sort(batch(gtid(), commit)).committed();

        long at = commit.getHeader().getLogfileOffset();
        assertThat(committed).extracting(c -> c.write().row().version()).containsExactly(
                BinlogVersion.of(CanalEntries.FILE, at, 1), BinlogVersion.of(CanalEntries.FILE, at, 2));
    }

    /** Each change as "kind id: stock or balance". */
    private static List<String> images(List<BinlogChange> changes) {
        return changes.stream().map(c -> switch (c.write().row().value()) {
            case ProductView p -> "product " + p.productId() + ": " + p.stock();
            case AccountView a -> "account " + a.userId() + ": " + a.balance().toPlainString();
            case Tombstone t -> "deleted " + c.write().row().key();
        }).toList();
    }
}
