package org.shopsuite.account.credit;

import java.math.BigDecimal;
import org.shopsuite.account.account.Account;
import org.shopsuite.account.account.AccountNotFound;
import org.shopsuite.account.account.AccountRepository;
import org.springframework.jdbc.core.JdbcTemplate;

/** The check both modes share: lock the account row, and refuse unknown users and too small a balance. */
final class CreditCheck {

    private CreditCheck() {
    }

    static Account lockCovering(JdbcTemplate jdbc, long userId, BigDecimal amount) {
        CreditAmount.valid(amount);
        Account account = AccountRepository.lock(jdbc, userId).orElseThrow(() -> new AccountNotFound(userId));
        if (account.balance().compareTo(amount) < 0) {
            throw new InsufficientBalance(userId, account.balance(), amount);
        }
        return account;
    }
}
