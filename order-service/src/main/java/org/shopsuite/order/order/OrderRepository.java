package org.shopsuite.order.order;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.shopsuite.api.order.OrderMode;
import org.shopsuite.api.order.OrderStatus;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** order_db.orders. Which DataSource a write goes through (XA branch or plain) is the caller's template. */
@Repository
public class OrderRepository {

    private static final String COLUMNS = "order_id, user_id, product_id, quantity, amount, status, mode, xid,"
            + " failure_reason, idempotency_key, request_fingerprint";
    private static final RowMapper<Order> ROW = (rs, n) -> new Order(rs.getLong("order_id"), rs.getLong("user_id"),
            rs.getLong("product_id"), rs.getInt("quantity"), rs.getBigDecimal("amount"),
            OrderStatus.valueOf(rs.getString("status")),
            rs.getString("mode") == null ? null : OrderMode.valueOf(rs.getString("mode")),
            rs.getString("xid"), rs.getString("failure_reason"), rs.getString("idempotency_key"),
            rs.getString("request_fingerprint"));

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;

    OrderRepository(JdbcTemplate jdbc,
                    @Qualifier("transactionManager") PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    public Optional<Order> find(long orderId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM orders WHERE order_id = ?", ROW, orderId).stream().findFirst();
    }

    /** The user's order placed with this key: keys belong to their user, another user's same key is not seen. */
    public Optional<Order> findByIdempotencyKey(long userId, String key) {
        return jdbc.query("SELECT " + COLUMNS + " FROM orders WHERE user_id = ? AND idempotency_key = ?", ROW, userId,
                key).stream().findFirst();
    }

    /** Every user's order placed with this key (operators' reads), oldest first, at most {@code limit}. */
    public List<Order> findAllByIdempotencyKey(String key, int limit) {
        return jdbc.query("SELECT " + COLUMNS + " FROM orders WHERE idempotency_key = ? ORDER BY order_id LIMIT ?",
                ROW, key, limit);
    }

    /**
     * PENDING orders of a global transaction that has not touched them for a while, with ids above {@code afterId}:
     * candidates to settle.
     */
    public List<Order> pendingUntouchedFor(Duration quiet, long afterId, int limit) {
        return jdbc.query("SELECT " + COLUMNS + " FROM orders WHERE status = 'PENDING' AND xid IS NOT NULL"
                + " AND order_id > ? AND updated_at < NOW(3) - INTERVAL ? MICROSECOND ORDER BY order_id LIMIT ?", ROW,
                afterId, quiet.toNanos() / 1000, limit);
    }

    /** Inserts an order through the given template and returns its id. */
    public static long insert(JdbcTemplate through, NewOrder order) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        through.update(connection -> {
            PreparedStatement insert = connection.prepareStatement("INSERT INTO orders (user_id, product_id,"
                    + " quantity, amount, status, mode, xid, failure_reason, idempotency_key, request_fingerprint)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS);
            insert.setLong(1, order.userId());
            insert.setLong(2, order.productId());
            insert.setInt(3, order.quantity());
            insert.setBigDecimal(4, order.amount());
            insert.setString(5, order.status().name());
            insert.setString(6, order.mode().name());
            insert.setString(7, order.xid());
            insert.setString(8, order.failureReason());
            insert.setString(9, order.idempotencyKey());
            insert.setString(10, order.requestFingerprint());
            return insert;
        }, key);
        return key.getKey().longValue();
    }

    public long insert(NewOrder order) {
        return insert(jdbc, order);
    }

    /** Marks an attempt as failed, unless it succeeded. */
    public boolean markFailed(long orderId, String reason) {
        return jdbc.update("UPDATE orders SET status = 'FAILED', failure_reason = ? WHERE order_id = ?"
                + " AND status <> 'SUCCESS'", reason, orderId) > 0;
    }

    /**
     * Whether the order's TCC participant (RecordOrder) has tried and still awaits its confirm or cancel, by Seata's
     * TCC fence in this database (status 1 = tried).
     */
    public boolean awaitsTccPhaseTwo(String xid) {
        Integer tried = jdbc.queryForObject("SELECT COUNT(*) FROM tcc_fence_log WHERE xid = ?"
                + " AND action_name = 'RecordOrder' AND status = 1", Integer.class, xid);
        return tried != null && tried > 0;
    }

    /**
     * Marks a still PENDING order as failed, unless its row is locked (a prepared XA branch holds it until phase two):
     * then it is left as it is, at once, without waiting for the lock.
     */
    public Settled failPendingUnlessHeld(long orderId, String reason) {
        return transactions.execute(status -> {
            List<Long> free = jdbc.queryForList("SELECT order_id FROM orders WHERE order_id = ? FOR UPDATE SKIP LOCKED",
                    Long.class, orderId);
            if (free.isEmpty()) {
                return Settled.HELD;
            }
            return jdbc.update("UPDATE orders SET status = 'FAILED', failure_reason = ? WHERE order_id = ?"
                    + " AND status = 'PENDING'", reason, orderId) > 0 ? Settled.DONE : Settled.NOT_PENDING;
        });
    }

    /** What {@link #failPendingUnlessHeld} did. */
    public enum Settled { DONE, HELD, NOT_PENDING }

    /** Removes an attempt that changed nothing, unless it succeeded: its Idempotency-Key may be used again. */
    public boolean deleteUnsucceeded(long orderId) {
        return jdbc.update("DELETE FROM orders WHERE order_id = ? AND status <> 'SUCCESS'", orderId) > 0;
    }

    /** An order about to be written. */
    public record NewOrder(long userId, long productId, int quantity, BigDecimal amount, OrderStatus status,
                           OrderMode mode, String xid, String failureReason, String idempotencyKey,
                           String requestFingerprint) {
    }
}
