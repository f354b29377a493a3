package org.shopsuite.inventory.stock;

import org.shopsuite.api.participant.StockTaken;
import org.shopsuite.inventory.product.Product;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * XA mode: the stock deduction is an XA branch of the order's global transaction. The local transaction on the
 * XA-proxied DataSource is prepared when it ends; the coordinator commits or rolls it back. The product row stays
 * locked until then: that is XA's price on hot rows.
 */
@Service
public class XaStockDeduction {

    private final JdbcTemplate xa;

    XaStockDeduction(@Qualifier("xaJdbcTemplate") JdbcTemplate xa) {
        this.xa = xa;
    }

    @Transactional(transactionManager = "xaTransactionManager")
    public StockTaken deduct(long productId, int quantity) {
        Product product = StockTaking.lockAvailable(xa, productId, quantity);
        xa.update("UPDATE inventory SET stock = stock - ? WHERE product_id = ?", quantity, productId);
        return StockTaking.taken(product, quantity);
    }
}
