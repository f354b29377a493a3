package org.shopsuite.inventory.stock;

import org.apache.seata.rm.tcc.api.BusinessActionContext;
import org.apache.seata.rm.tcc.api.BusinessActionContextParameter;
import org.shopsuite.api.participant.StockTaken;
import org.shopsuite.inventory.product.Product;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * The TCC phases on the plain DataSource; the fence runs each phase in one local transaction with its fence-log row.
 * Component-scanned on purpose: Seata finds TCC beans through the bean definition's class.
 */
@Service
public class StockReservationAction implements StockReservation {

    private final JdbcTemplate jdbc;

    StockReservationAction(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    // Repeated here: Seata reads the parameter names for phase two from the implementation (docs/facts.md).
    public StockTaken reserve(@BusinessActionContextParameter(paramName = "productId") long productId,
                              @BusinessActionContextParameter(paramName = "quantity") int quantity) {
        Product product = StockTaking.lockAvailable(jdbc, productId, quantity);
        jdbc.update("UPDATE inventory SET stock = stock - ?, frozen_stock = frozen_stock + ? WHERE product_id = ?",
                quantity, quantity, productId);
        return StockTaking.taken(product, quantity);
    }

    @Override
    public boolean confirm(BusinessActionContext context) {
        jdbc.update("UPDATE inventory SET frozen_stock = frozen_stock - ? WHERE product_id = ?",
                quantity(context), productId(context));
        return true;
    }

    @Override
    public boolean cancel(BusinessActionContext context) {
        jdbc.update("UPDATE inventory SET stock = stock + ?, frozen_stock = frozen_stock - ? WHERE product_id = ?",
                quantity(context), quantity(context), productId(context));
        return true;
    }

    private static long productId(BusinessActionContext context) {
        return ((Number) context.getActionContext("productId")).longValue();
    }

    private static int quantity(BusinessActionContext context) {
        return ((Number) context.getActionContext("quantity")).intValue();
    }
}
