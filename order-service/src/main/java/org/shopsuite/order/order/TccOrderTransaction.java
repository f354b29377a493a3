package org.shopsuite.order.order;

import org.shopsuite.api.participant.CreditRequest;
import org.shopsuite.api.participant.StockRequest;
import org.shopsuite.api.participant.StockTaken;
import org.shopsuite.order.participant.AccountClient;
import org.shopsuite.order.participant.InventoryClient;
import org.springframework.stereotype.Service;

/**
 * TCC mode: three tries reserve (stock, credit, the pending order's amount), each in its own database; the
 * coordinator then confirms all three, or cancels whatever was tried. No row stays locked between the phases.
 */
@Service
public class TccOrderTransaction implements OrderSteps {

    private final InventoryClient inventory;
    private final AccountClient accounts;
    private final PendingOrder pendingOrder;

    TccOrderTransaction(InventoryClient inventory, AccountClient accounts, PendingOrder pendingOrder) {
        this.inventory = inventory;
        this.accounts = accounts;
        this.pendingOrder = pendingOrder;
    }

    @Override
    public void run(OrderRequest request, long orderId) {
        StockTaken stock = inventory.reserveStock(request.productId(), new StockRequest(request.quantity()));
        var amount = OrderAmount.of(stock);
        accounts.reserveCredit(request.userId(), new CreditRequest(amount));
        pendingOrder.record(amount);
    }
}
