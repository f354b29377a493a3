package org.shopsuite.order.placement;

import org.apache.seata.core.context.RootContext;
import org.apache.seata.spring.annotation.GlobalTransactional;
import org.shopsuite.api.order.OrderStatus;
import org.shopsuite.api.participant.CreditRequest;
import org.shopsuite.api.participant.StockRequest;
import org.shopsuite.api.participant.StockTaken;
import org.shopsuite.order.order.OrderRepository;
import org.shopsuite.order.order.OrderRepository.NewOrder;
import org.shopsuite.order.participant.AccountClient;
import org.shopsuite.order.participant.InventoryClient;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * XA mode: the stock deduction, the debit and the order row are three XA branches (one per database), prepared as
 * each step ends and committed together by the coordinator, or all rolled back.
 */
@Service
public class XaOrderTransaction {

    private final InventoryClient inventory;
    private final AccountClient accounts;
    private final JdbcTemplate xa;
    private final PlacementFaults faults;

    XaOrderTransaction(InventoryClient inventory, AccountClient accounts,
                       @Qualifier("xaJdbcTemplate") JdbcTemplate xa, PlacementFaults faults) {
        this.inventory = inventory;
        this.accounts = accounts;
        this.xa = xa;
        this.faults = faults;
    }

    @GlobalTransactional(name = "place-order-xa", timeoutMills = 30_000)
    public long place(OrderRequest request) {
        String xid = RootContext.getXID();
        try {
            StockTaken stock = inventory.deductStock(request.productId(), new StockRequest(request.quantity()));
            var amount = OrderAmount.of(stock);
            accounts.debit(request.userId(), new CreditRequest(amount));
            // A single INSERT on the XA-proxied DataSource: its own branch, prepared at once.
            long orderId = OrderRepository.insert(xa, new NewOrder(request.userId(), request.productId(),
                    request.quantity(), amount, OrderStatus.SUCCESS, request.mode(), xid, null,
                    request.idempotencyKey(), request.fingerprint()));
            faults.beforeCommit();
            return orderId;
        } catch (RuntimeException e) {
            throw new GlobalTransactionFailed(xid, e);
        }
    }
}
