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

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TransactionOutcomesTest {

    static final String XID = "X'6131',X'',1";
    static final Map<String, String> PRODUCT_V4 = with(PRODUCT_V3, "stock", "20", "version", "4");

    final TransactionOutcomes outcomes = new TransactionOutcomes(Map.of());

    @Test
    void aPlainTransactionIsAppliedAtItsCommit() {
        TransactionOutcomes.Sorted sorted = outcomes.sort(batch(gtid(), productUpdate(PRODUCT_V2, PRODUCT_V3), commit()));

        assertThat(versions(sorted.committed())).containsExactly(3L);
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

        TransactionOutcomes.Sorted decided = outcomes.sort(batch(gtid(), xaCommit(XID)));

        assertThat(versions(decided.committed())).containsExactly(3L);
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

        assertThat(versions(sorted.committed())).containsExactly(4L);
        assertThat(sorted.prepared()).containsOnlyKeys(XID);
    }

    @Test
    void aTransactionPreparedAndDecidedInOneBatchIsNeverStored() {
        TransactionOutcomes.Sorted sorted = outcomes.sort(batch(gtid(), productUpdate(PRODUCT_V2, PRODUCT_V3),
                xaEnd(XID), gtid(), xaCommit(XID)));

        assertThat(versions(sorted.committed())).containsExactly(3L);
        assertThat(sorted.prepared()).isEmpty();
        assertThat(sorted.decided()).containsExactly(XID);
    }

    @Test
    void aTransactionPreparedBeforeARestartIsAppliedAtItsCommitAfterIt() {
        TransactionOutcomes before = new TransactionOutcomes(Map.of());
        Map<String, List<BinlogChange>> kept = before.sort(batch(gtid(), productUpdate(PRODUCT_V3, PRODUCT_V4),
                xaEnd(XID))).prepared();

        TransactionOutcomes after = new TransactionOutcomes(kept);
        TransactionOutcomes.Sorted sorted = after.sort(batch(gtid(), xaCommit(XID)));

        assertThat(versions(sorted.committed())).containsExactly(4L);
    }

    @Test
    void aTransactionSplitOverBatchesHoldsItsBatchesUnackedUntilItEnds() {
        TransactionOutcomes.Sorted first = outcomes.sort(batch(gtid(), productUpdate(PRODUCT_V2, PRODUCT_V3)));
        assertThat(first.committed()).isEmpty();
        assertThat(outcomes.holdsAnUnfinishedTransaction()).isTrue();

        TransactionOutcomes.Sorted second = outcomes.sort(batch(productUpdate(PRODUCT_V3, PRODUCT_V4), commit()));

        assertThat(versions(second.committed())).containsExactly(3L, 4L);
        assertThat(outcomes.holdsAnUnfinishedTransaction()).isFalse();
    }

    @Test
    void theDecisionOfATransactionNeverSeenPreparedChangesNothing() {
        TransactionOutcomes.Sorted sorted = outcomes.sort(batch(gtid(), xaCommit("X'7a',X'',1")));

        assertThat(sorted.committed()).isEmpty();
        assertThat(sorted.decided()).containsExactly("X'7a',X'',1");
    }

    private static List<Long> versions(List<BinlogChange> changes) {
        return changes.stream().map(c -> c.write().row().version()).toList();
    }
}
