package org.shopsuite.account.account;

import java.math.BigDecimal;
import org.shopsuite.api.account.AccountView;

/** A row of account_db.accounts. */
public record Account(long userId, BigDecimal balance, BigDecimal frozen) {

    public AccountView view() {
        return new AccountView(userId, balance);
    }
}
