package org.shopsuite.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import com.alibaba.otter.canal.client.CanalConnector;
import com.alibaba.otter.canal.client.CanalConnectors;
import com.alibaba.otter.canal.protocol.CanalEntry;
import com.alibaba.otter.canal.protocol.Message;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.shopsuite.stack.CanalPart;
import org.shopsuite.testfixtures.SuiteDatabase;
import org.shopsuite.testfixtures.TestInfrastructure;

/** Row changes in MariaDB reach a canal.client subscriber through the real Canal server, also across its restart. */
class CanalBinlogIT {

    static final TestInfrastructure infra = TestInfrastructure.shared();
    static final SuiteDatabase db = SuiteDatabase.asRoot(infra);
    static final String TABLE = "inventory_db\\.inventory";

    private CanalConnector connector;

    @AfterEach
    void disconnect() {
        if (connector != null) {
            connector.disconnect();
        }
    }

    @Test
    void rowUpdateArrivesWithBeforeAndAfterImagesWithinOneSecond() throws Exception {
        long product = db.newProduct("canal-update", "1.00", 10);
        subscribe();
        awaitRows(r -> r.productId == product, 10_000); // the insert: the instance is warm from here on

        long committed = System.nanoTime();
        db.update("inventory_db", "UPDATE inventory SET stock = 7 WHERE product_id = " + product);
        List<RowChange> changes = awaitRows(r -> r.productId == product && r.type == CanalEntry.EventType.UPDATE, 1_000);
        long lagMillis = (System.nanoTime() - committed) / 1_000_000;

        RowChange change = changes.get(0);
        assertThat(change.before).containsEntry("stock", "10");
        assertThat(change.after).containsEntry("stock", "7");
        assertThat(change.after).containsEntry("product_name", "canal-update");
        System.out.println("[canal] commit-to-receive lag " + lagMillis + " ms");
    }

    @Test
    void updatesMadeWhileTheCanalServerIsDownArriveAfterItRestarts() throws Exception {
        long stays = db.newProduct("canal-untouched", "1.00", 5);
        long first = db.newProduct("canal-down-1", "1.00", 5);
        long second = db.newProduct("canal-down-2", "1.00", 5);
        subscribe();
        awaitRows(r -> r.productId == second, 10_000);
        connector.disconnect();
        connector = null;

        CanalPart canal = infra.canal();
        canal.stop();
        db.update("inventory_db", "UPDATE inventory SET stock = 1 WHERE product_id = " + first);
        db.update("inventory_db", "UPDATE inventory SET stock = 2 WHERE product_id = " + second);
        infra.restartStopped();

        subscribe();
        Set<Long> ours = Set.of(stays, first, second);
        List<RowChange> updates = awaitRows(r -> r.productId == second && r.type == CanalEntry.EventType.UPDATE, 30_000)
                .stream().filter(r -> ours.contains(r.productId) && r.type == CanalEntry.EventType.UPDATE).toList();

        // exactly the rows changed while the server was down, each with its new value (a replay may repeat one)
        Map<Long, String> newStock = updates.stream()
                .collect(Collectors.toMap(r -> r.productId, r -> r.after.get("stock"), (a, b) -> b));
        assertThat(newStock).isEqualTo(Map.of(first, "1", second, "2"));
    }

    private void subscribe() {
        connector = CanalConnectors.newSingleConnector(
                new InetSocketAddress(infra.host(), infra.canal().port()), CanalPart.DESTINATION,
                CanalPart.CLIENT_USER, infra.canal().clientPassword());
        connector.connect();
        connector.subscribe(TABLE);
    }

    /** Reads and acks batches until one row change matches; returns every row change read, in order. */
    private List<RowChange> awaitRows(Predicate<RowChange> wanted, long timeoutMillis) throws Exception {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        List<RowChange> seen = new ArrayList<>();
        while (System.currentTimeMillis() < deadline) {
            Message message = connector.getWithoutAck(100, 50L, java.util.concurrent.TimeUnit.MILLISECONDS);
            for (CanalEntry.Entry entry : message.getEntries()) {
                if (entry.getEntryType() != CanalEntry.EntryType.ROWDATA) {
                    continue;
                }
                CanalEntry.RowChange rowChange = CanalEntry.RowChange.parseFrom(entry.getStoreValue());
                for (CanalEntry.RowData row : rowChange.getRowDatasList()) {
                    seen.add(new RowChange(rowChange.getEventType(), columns(row.getBeforeColumnsList()),
                            columns(row.getAfterColumnsList())));
                }
            }
            if (message.getId() != -1) {
                connector.ack(message.getId());
            }
            if (seen.stream().anyMatch(wanted)) {
                return seen;
            }
        }
        throw new AssertionError("no matching row change within " + timeoutMillis + " ms; saw " + seen);
    }

    private static Map<String, String> columns(List<CanalEntry.Column> columns) {
        Map<String, String> values = new HashMap<>();
        columns.forEach(c -> values.put(c.getName(), c.getValue()));
        return values;
    }

    record RowChange(CanalEntry.EventType type, Map<String, String> before, Map<String, String> after, long productId) {
        RowChange(CanalEntry.EventType type, Map<String, String> before, Map<String, String> after) {
            this(type, before, after, Long.parseLong((after.isEmpty() ? before : after).get("product_id")));
        }
    }
}
