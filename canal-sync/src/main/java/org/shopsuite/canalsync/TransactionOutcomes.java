package org.shopsuite.canalsync;

import com.alibaba.otter.canal.protocol.CanalEntry.Entry;
import com.alibaba.otter.canal.protocol.CanalEntry.EventType;
import com.alibaba.otter.canal.protocol.CanalEntry.Header;
import com.alibaba.otter.canal.protocol.CanalEntry.Pair;
import com.alibaba.otter.canal.protocol.CanalEntry.RowChange;
import com.alibaba.otter.canal.protocol.CanalEntry.TransactionEnd;
import com.alibaba.otter.canal.protocol.Message;
import com.google.protobuf.InvalidProtocolBufferException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.shopsuite.cache.BinlogVersion;
import org.shopsuite.cache.CacheKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds each transaction's row changes until the binlog says how it ended, so that only committed row images reach
 * the cache (docs/architecture.md, "Only committed rows reach a cache").
 *
 * <p>A plain transaction reaches the binlog at its commit: its rows end with a commit marker and are applied then. An
 * XA transaction reaches it at {@code XA PREPARE} (MariaDB and MySQL alike): its rows end with {@code XA END xid}
 * and are held, as <em>prepared</em>, until an {@code XA COMMIT xid} (applied then) or an {@code XA ROLLBACK xid}
 * (dropped). {@code XA COMMIT ... ONE PHASE} is written as a plain transaction. Later transactions never wait behind a
 * prepared one. The caller keeps the prepared ones where they survive a restart ({@link PreparedXaTransactions})
 * before it acks past them.
 *
 * <p>Not thread-safe: one per follower run, fed batch after batch in binlog order.
 */
final class TransactionOutcomes {

    private static final Logger log = LoggerFactory.getLogger(TransactionOutcomes.class);

    /** Canal's names (LogEventConvert) for the XA markers' properties. */
    static final String XA_TYPE = "XA_TYPE";
    static final String XA_XID = "XA_XID";
    static final String XA_END = "XA END";

    /**
     * What a batch decided.
     *
     * @param committed    row changes whose transaction committed in this batch, in commit order, the last of each row
     *                     only: apply them
     * @param prepared     row changes of XA transactions prepared in this batch and not yet decided, by XID: keep them
     * @param decided      XIDs committed or rolled back in this batch: forget them
     * @param rolledBack   how many held row changes were dropped by an XA ROLLBACK
     * @param end          where the batch's last event ends in the binlog
     * @param endsAtXaEnd  the batch's last event is an {@code XA END} (its XA PREPARE follows, unsent by Canal)
     */
    record Sorted(List<BinlogChange> committed, Map<String, List<BinlogChange>> prepared, Set<String> decided,
                  int rolledBack, BinlogPosition end, boolean endsAtXaEnd) {

        boolean isEmpty() {
            return committed.isEmpty() && prepared.isEmpty() && decided.isEmpty();
        }
    }

    /** Rows of the transaction in progress: it may span batches. */
    private final List<BinlogChange> open = new ArrayList<>();
    private final Map<String, List<BinlogChange>> prepared;

    /** @param prepared the XA transactions held when the last run stopped (see {@link PreparedXaTransactions}) */
    TransactionOutcomes(Map<String, List<BinlogChange>> prepared) {
        this.prepared = new LinkedHashMap<>(prepared);
    }

    Sorted sort(Message batch) {
        List<BinlogChange> committed = new ArrayList<>();
        Map<String, List<BinlogChange>> newlyPrepared = new LinkedHashMap<>();
        Set<String> decided = new LinkedHashSet<>();
        int rolledBack = 0;
        boolean endsAtXaEnd = false;
        for (Entry entry : batch.getEntries()) {
            switch (entry.getEntryType()) {
                case TRANSACTIONBEGIN, GTIDLOG -> {
                    if (!open.isEmpty()) {
                        // Every transaction ends with a commit or an XA END marker before the next begins; rows
                        // without one come from a binlog we do not understand. Applying them is what a plain commit
                        // would do; say so, since a rolled-back image could be among them.
                        log.warn("{} row change(s) ended without a commit or XA END marker before {}; applied as"
                                + " committed. Report this with the binlog position.", open.size(),
                                BinlogChanges.position(entry.getHeader()));
                        committed.addAll(open);
                        open.clear();
                    }
                }
                case TRANSACTIONEND -> {
                    Optional<String> xaEnd = xaEnd(entry);
                    endsAtXaEnd = xaEnd.isPresent();
                    if (xaEnd.isPresent()) {
                        if (!open.isEmpty()) {
                            List<BinlogChange> rows = List.copyOf(open);
                            prepared.put(xaEnd.get(), rows);
                            newlyPrepared.put(xaEnd.get(), rows);
                        }
                    } else {
                        committed.addAll(open);
                    }
                    open.clear();
                }
                case ROWDATA -> {
                    endsAtXaEnd = false;
                    RowChange rowChange = BinlogChanges.parse(entry);
                    EventType type = rowChange.getEventType();
                    if (type == EventType.XACOMMIT || type == EventType.XAROLLBACK) {
                        String xid = xid(rowChange.getPropsList()).orElse("");
                        List<BinlogChange> rows = prepared.remove(xid);
                        newlyPrepared.remove(xid);
                        decided.add(xid);
                        if (rows != null && type == EventType.XACOMMIT) {
                            committed.addAll(atCommit(entry.getHeader(), rows));
                        } else if (rows != null) {
                            rolledBack += rows.size();
                        }
                    } else {
                        open.addAll(BinlogChanges.of(entry, rowChange));
                    }
                }
                default -> {
                    // heartbeats and the like
                }
            }
        }
        Header last = batch.getEntries().get(batch.getEntries().size() - 1).getHeader();
        BinlogPosition end = new BinlogPosition(last.getLogfileName(), last.getLogfileOffset() + last.getEventLength());
        return new Sorted(lastOfEachRow(committed), newlyPrepared, decided, rolledBack, end, endsAtXaEnd);
    }

    /**
     * An XA transaction's rows were written at its PREPARE, but a reader sees them only from its COMMIT on: a read
     * between the two stands after the rows' own events yet does not see them. So they take the XA COMMIT's place in
     * the binlog, numbered in transaction order.
     */
    private static List<BinlogChange> atCommit(Header commit, List<BinlogChange> rows) {
        List<BinlogChange> placed = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            placed.add(rows.get(i).withVersion(
                    BinlogVersion.of(commit.getLogfileName(), commit.getLogfileOffset(), i + 1L)));
        }
        return placed;
    }

    /**
     * Only the last change of each row in a batch, in binlog order: it is the row's state after the batch, and rows
     * past {@link BinlogVersion#MAX_INDEX} in one event or transaction share a version, so an earlier one must not get
     * in first and make the later one look like a replay.
     */
    static List<BinlogChange> lastOfEachRow(List<BinlogChange> changes) {
        Map<CacheKey, Integer> last = new HashMap<>();
        for (int i = 0; i < changes.size(); i++) {
            last.put(changes.get(i).write().row().key(), i);
        }
        if (last.size() == changes.size()) {
            return changes;
        }
        List<BinlogChange> kept = new ArrayList<>(last.size());
        for (int i = 0; i < changes.size(); i++) {
            if (last.get(changes.get(i).write().row().key()) == i) {
                kept.add(changes.get(i));
            }
        }
        return kept;
    }

    /**
     * True while rows of a transaction whose end is not yet in sight are held only here: the batches they came in
     * must not be acked, or a restart would lose them.
     */
    boolean holdsAnUnfinishedTransaction() {
        return !open.isEmpty();
    }

    /** The prepared transactions held now, as a copy. */
    Map<String, List<BinlogChange>> prepared() {
        return new LinkedHashMap<>(prepared);
    }

    int preparedCount() {
        return prepared.size();
    }

    private static Optional<String> xaEnd(Entry entry) {
        try {
            List<Pair> props = TransactionEnd.parseFrom(entry.getStoreValue()).getPropsList();
            boolean isXaEnd = props.stream().anyMatch(p -> p.getKey().equals(XA_TYPE) && p.getValue().equals(XA_END));
            return isXaEnd ? xid(props) : Optional.empty();
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("Canal sent a transaction end that does not parse at binlog "
                    + BinlogChanges.position(entry.getHeader()), e);
        }
    }

    /** The XID as the server writes it ({@code X'..',X'..',1}), the same in XA END, COMMIT and ROLLBACK. */
    private static Optional<String> xid(List<Pair> props) {
        return props.stream().filter(p -> p.getKey().equals(XA_XID)).map(p -> p.getValue().trim()).findFirst();
    }
}
