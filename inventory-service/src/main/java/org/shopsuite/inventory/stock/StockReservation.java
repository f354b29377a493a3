package org.shopsuite.inventory.stock;

import org.apache.seata.rm.tcc.api.BusinessActionContext;
import org.apache.seata.rm.tcc.api.BusinessActionContextParameter;
import org.apache.seata.rm.tcc.api.LocalTCC;
import org.apache.seata.rm.tcc.api.TwoPhaseBusinessAction;
import org.shopsuite.api.participant.StockTaken;

/**
 * TCC mode: try moves the units from {@code stock} to {@code frozen_stock}; confirm lets the frozen units go (sold);
 * cancel moves them back. Seata's fence makes a repeated confirm or cancel, a cancel without a try, and a try after
 * its cancel change nothing.
 */
@LocalTCC
public interface StockReservation {

    @TwoPhaseBusinessAction(name = "ReserveStock", commitMethod = "confirm", rollbackMethod = "cancel",
            useTCCFence = true)
    StockTaken reserve(@BusinessActionContextParameter(paramName = "productId") long productId,
                       @BusinessActionContextParameter(paramName = "quantity") int quantity);

    boolean confirm(BusinessActionContext context);

    boolean cancel(BusinessActionContext context);
}
