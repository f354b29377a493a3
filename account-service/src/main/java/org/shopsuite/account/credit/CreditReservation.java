package org.shopsuite.account.credit;

import java.math.BigDecimal;
import org.apache.seata.rm.tcc.api.BusinessActionContext;
import org.apache.seata.rm.tcc.api.BusinessActionContextParameter;
import org.apache.seata.rm.tcc.api.LocalTCC;
import org.apache.seata.rm.tcc.api.TwoPhaseBusinessAction;

/**
 * TCC mode: try moves the amount from {@code balance} to {@code frozen}; confirm lets the frozen amount go (paid);
 * cancel moves it back. Seata's fence makes a repeated confirm or cancel, a cancel without a try, and a try after
 * its cancel change nothing.
 */
@LocalTCC
public interface CreditReservation {

    @TwoPhaseBusinessAction(name = "ReserveCredit", commitMethod = "confirm", rollbackMethod = "cancel",
            useTCCFence = true)
    void reserve(@BusinessActionContextParameter(paramName = "userId") long userId,
                 @BusinessActionContextParameter(paramName = "amount") BigDecimal amount);

    boolean confirm(BusinessActionContext context);

    boolean cancel(BusinessActionContext context);
}
