package org.shopsuite.order.order;

import java.math.BigDecimal;
import java.math.RoundingMode;
import org.shopsuite.api.participant.StockTaken;

final class OrderAmount {

    private OrderAmount() {
    }

    /** What the user pays: the unit price inventory charged at, times the quantity, in cents. */
    static BigDecimal of(StockTaken stock) {
        return stock.unitPrice().multiply(BigDecimal.valueOf(stock.quantity())).setScale(2, RoundingMode.UNNECESSARY);
    }
}
