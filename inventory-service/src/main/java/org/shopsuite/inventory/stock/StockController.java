package org.shopsuite.inventory.stock;

import org.shopsuite.api.participant.InternalPaths;
import org.shopsuite.api.participant.StockRequest;
import org.shopsuite.api.participant.StockTaken;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Internal endpoints order-service calls inside its global transaction (XID in the TX_XID header). */
@RestController
class StockController {

    private final XaStockDeduction xa;
    private final StockReservation tcc;

    StockController(XaStockDeduction xa, StockReservation tcc) {
        this.xa = xa;
        this.tcc = tcc;
    }

    @PostMapping(InternalPaths.XA_STOCK_DEDUCTION)
    StockTaken deduct(@PathVariable long productId, @RequestBody StockRequest request) {
        return xa.deduct(productId, request.quantity());
    }

    @PostMapping(InternalPaths.TCC_STOCK_RESERVATION)
    StockTaken reserve(@PathVariable long productId, @RequestBody StockRequest request) {
        return tcc.reserve(productId, request.quantity());
    }
}
