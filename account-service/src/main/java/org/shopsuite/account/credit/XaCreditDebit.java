package org.shopsuite.account.credit;

import java.math.BigDecimal;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * XA mode: the debit is an XA branch of the order's global transaction, prepared when this local transaction on the
 * XA-proxied DataSource ends and committed or rolled back by the coordinator.
 */
@Service
public class XaCreditDebit {

    private final JdbcTemplate xa;

    XaCreditDebit(@Qualifier("xaJdbcTemplate") JdbcTemplate xa) {
        this.xa = xa;
    }

    @Transactional(transactionManager = "xaTransactionManager")
    public void debit(long userId, BigDecimal amount) {
        CreditCheck.lockCovering(xa, userId, amount);
        xa.update("UPDATE accounts SET balance = balance - ? WHERE user_id = ?", amount, userId);
    }
}
