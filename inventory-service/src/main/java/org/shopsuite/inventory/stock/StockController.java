package org.shopsuite.inventory.stock;

import org.shopsuite.api.participant.InternalPaths;
import org.shopsuite.api.participant.StockRequest;
import org.shopsuite.api.participant.StockTaken;
import org.shopsuite.support.transaction.PhaseCalls;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Internal endpoints order-service calls inside its global transaction (XID in the TX_XID header). Only signed calls
 * of the suite's own services get here (service-support's InternalCallAuthentication); each is checked for a valid
 * quantity, then runs only as a branch of a global transaction the coordinator knows as begun, and once in it (a
 * copy of a call is refused: {@link PhaseCalls}).
 */
@RestController
class StockController {

    private final XaStockDeduction xa;
    private final StockReservation tcc;
    private final PhaseCalls phaseCalls;

    StockController(XaStockDeduction xa, StockReservation tcc, PhaseCalls phaseCalls) {
        this.xa = xa;
        this.tcc = tcc;
        this.phaseCalls = phaseCalls;
    }

    /** XA: the XA DataSource registers the branch when the deduction's transaction begins, before any SQL. */
    @PostMapping(InternalPaths.XA_STOCK_DEDUCTION)
    StockTaken deduct(@PathVariable long productId, @RequestBody StockRequest request) {
        int quantity = StockQuantity.valid(request.quantity());
        return phaseCalls.runOnce(() -> xa.deduct(productId, quantity));
    }

    /** TCC try: Seata registers the branch before the try runs; the fence and the reservation follow. */
    @PostMapping(InternalPaths.TCC_STOCK_RESERVATION)
    StockTaken reserve(@PathVariable long productId, @RequestBody StockRequest request) {
        int quantity = StockQuantity.valid(request.quantity());
        return phaseCalls.runOnce(() -> tcc.reserve(productId, quantity));
    }
}
