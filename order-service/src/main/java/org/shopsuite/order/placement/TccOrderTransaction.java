package org.shopsuite.order.placement;

import org.apache.seata.core.context.RootContext;
import org.apache.seata.spring.annotation.GlobalTransactional;
import org.shopsuite.api.participant.CreditRequest;
import org.shopsuite.api.participant.StockRequest;
import org.shopsuite.api.participant.StockTaken;
import org.shopsuite.order.participant.AccountClient;
import org.shopsuite.order.participant.InventoryClient;
import org.springframework.stereotype.Service;

/**
 * TCC mode: three tries reserve (stock, credit, the pending order), each in its own database; the coordinator then
 * confirms all three, or cancels whatever was tried. No row stays locked between the phases.
 */
@Service
public class TccOrderTransaction {

    private final InventoryClient inventory;
    private final AccountClient accounts;
    private final PendingOrder pendingOrder;
    private final PlacementFaults faults;

    TccOrderTransaction(InventoryClient inventory, AccountClient accounts, PendingOrder pendingOrder,
                        PlacementFaults faults) {
        this.inventory = inventory;
        this.accounts = accounts;
        this.pendingOrder = pendingOrder;
        this.faults = faults;
    }

    @GlobalTransactional(name = "place-order-tcc", timeoutMills = 30_000)
    public long place(OrderRequest request) {
        String xid = RootContext.getXID();
        try {
            StockTaken stock = inventory.reserveStock(request.productId(), new StockRequest(request.quantity()));
            var amount = OrderAmount.of(stock);
            accounts.reserveCredit(request.userId(), new CreditRequest(amount));
            long orderId = pendingOrder.record(request, amount);
            faults.beforeCommit();
            return orderId;
        } catch (RuntimeException e) {
            throw new GlobalTransactionFailed(xid, e);
        }
    }
}
