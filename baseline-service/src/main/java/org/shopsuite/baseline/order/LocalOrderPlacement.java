package org.shopsuite.baseline.order;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.Statement;
import org.shopsuite.api.order.OrderStatus;
import org.shopsuite.api.order.OrderView;
import org.shopsuite.api.order.PlaceOrderRequest;
import org.shopsuite.api.problem.ProblemTypes;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The same three row changes as the suite's order (take stock, debit the balance, insert the order), each row locked
 * and checked first as the suite's participants do, but in ONE local transaction on ONE database: no coordinator, no
 * second phase, no network hop between the steps. Whatever the suite spends beyond this is the distributed part.
 */
@Service
class LocalOrderPlacement {

    private final JdbcTemplate jdbc;

    LocalOrderPlacement(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional
    OrderView place(PlaceOrderRequest request) {
        long userId = request.userId();
        long productId = request.productId();
        int quantity = request.quantity();

        Product product = jdbc.query("SELECT price, stock FROM inventory WHERE product_id = ? FOR UPDATE",
                        (row, n) -> new Product(row.getBigDecimal("price"), row.getInt("stock")), productId)
                .stream().findFirst()
                .orElseThrow(() -> refused(HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND, "no product " + productId));
        if (product.stock() < quantity) {
            throw refused(HttpStatus.CONFLICT, ProblemTypes.OUT_OF_STOCK, "not enough stock of product " + productId);
        }
        jdbc.update("UPDATE inventory SET stock = stock - ? WHERE product_id = ?", quantity, productId);

        BigDecimal amount = product.price().multiply(BigDecimal.valueOf(quantity));
        BigDecimal balance = jdbc.queryForList("SELECT balance FROM accounts WHERE user_id = ? FOR UPDATE",
                        BigDecimal.class, userId)
                .stream().findFirst()
                .orElseThrow(() -> refused(HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND, "no account of user " + userId));
        if (balance.compareTo(amount) < 0) {
            throw refused(HttpStatus.CONFLICT, ProblemTypes.INSUFFICIENT_BALANCE, "not enough balance, user " + userId);
        }
        jdbc.update("UPDATE accounts SET balance = balance - ? WHERE user_id = ?", amount, userId);

        GeneratedKeyHolder orderId = new GeneratedKeyHolder();
        jdbc.update(connection -> {
            PreparedStatement insert = connection.prepareStatement("INSERT INTO orders (user_id, product_id, quantity,"
                    + " amount, status, mode) VALUES (?, ?, ?, ?, 'SUCCESS', ?)", Statement.RETURN_GENERATED_KEYS);
            insert.setLong(1, userId);
            insert.setLong(2, productId);
            insert.setInt(3, quantity);
            insert.setBigDecimal(4, amount);
            insert.setString(5, request.mode() == null ? null : request.mode().name());
            return insert;
        }, orderId);
        return new OrderView(orderId.getKey().longValue(), userId, productId, quantity, amount, OrderStatus.SUCCESS,
                request.mode(), null, null);
    }

    private static OrderRefused refused(HttpStatus status, java.net.URI type, String detail) {
        return new OrderRefused(status, type, detail);
    }

    private record Product(BigDecimal price, int stock) {
    }
}
