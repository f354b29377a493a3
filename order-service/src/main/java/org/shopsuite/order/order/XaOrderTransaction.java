package org.shopsuite.order.order;

import org.shopsuite.api.participant.CreditRequest;
import org.shopsuite.api.participant.StockRequest;
import org.shopsuite.api.participant.StockTaken;
import org.shopsuite.order.participant.AccountClient;
import org.shopsuite.order.participant.InventoryClient;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * XA mode: the stock deduction, the debit and the order's SUCCESS are three XA branches (one per database), prepared
 * as each step ends and committed together by the coordinator, or all rolled back.
 */
@Service
public class XaOrderTransaction implements OrderSteps {

    private final InventoryClient inventory;
    private final AccountClient accounts;
    private final JdbcTemplate xa;

    XaOrderTransaction(InventoryClient inventory, AccountClient accounts,
                       @Qualifier("xaJdbcTemplate") JdbcTemplate xa) {
        this.inventory = inventory;
        this.accounts = accounts;
        this.xa = xa;
    }

    @Override
    public void run(OrderRequest request, long orderId) {
        StockTaken stock = inventory.deductStock(request.productId(), new StockRequest(request.quantity()));
        var amount = OrderAmount.of(stock);
        accounts.debit(request.userId(), new CreditRequest(amount));
        // One UPDATE on the XA-proxied DataSource: its own branch, prepared at once. Until phase two commits it,
        // readers see the row as PENDING (InnoDB reads the last committed version; they never wait for the lock).
        int updated = xa.update("UPDATE orders SET status = 'SUCCESS', amount = ? WHERE order_id = ?"
                + " AND status = 'PENDING'", amount, orderId);
        if (updated != 1) {
            throw new IllegalStateException("order " + orderId + " is no longer PENDING");
        }
    }
}
