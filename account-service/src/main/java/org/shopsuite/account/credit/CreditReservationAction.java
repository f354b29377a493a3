package org.shopsuite.account.credit;

import java.math.BigDecimal;
import org.apache.seata.rm.tcc.api.BusinessActionContext;
import org.apache.seata.rm.tcc.api.BusinessActionContextParameter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * The TCC phases on the plain DataSource; the fence runs each phase in one local transaction with its fence-log row.
 * Component-scanned on purpose: Seata finds TCC beans through the bean definition's class.
 */
@Service
public class CreditReservationAction implements CreditReservation {

    private final JdbcTemplate jdbc;

    CreditReservationAction(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    // Repeated here: Seata reads the parameter names for phase two from the implementation (docs/facts.md).
    public void reserve(@BusinessActionContextParameter(paramName = "userId") long userId,
                        @BusinessActionContextParameter(paramName = "amount") BigDecimal amount) {
        CreditCheck.lockCovering(jdbc, userId, amount);
        jdbc.update("UPDATE accounts SET balance = balance - ?, frozen = frozen + ? WHERE user_id = ?",
                amount, amount, userId);
    }

    @Override
    public boolean confirm(BusinessActionContext context) {
        jdbc.update("UPDATE accounts SET frozen = frozen - ? WHERE user_id = ?", amount(context), userId(context));
        return true;
    }

    @Override
    public boolean cancel(BusinessActionContext context) {
        jdbc.update("UPDATE accounts SET balance = balance + ?, frozen = frozen - ? WHERE user_id = ?",
                amount(context), amount(context), userId(context));
        return true;
    }

    private static long userId(BusinessActionContext context) {
        return ((Number) context.getActionContext("userId")).longValue();
    }

    private static BigDecimal amount(BusinessActionContext context) {
        // The action context travels as JSON: the amount may come back as a number or a string.
        return new BigDecimal(String.valueOf(context.getActionContext("amount")));
    }
}
