package org.shopsuite.account.credit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** XA mode's debit: checked on the locked row, then taken from the balance at once (the branch is what waits). */
class XaCreditDebitTest {

    final AccountsTable accounts = new AccountsTable();
    final XaCreditDebit debit = new XaCreditDebit(accounts);

    @Test
    void aCoveredDebitTakesTheAmountFromTheBalanceOnly() {
        accounts.has(7, "10.00", "0.00");

        debit.debit(7, new BigDecimal("7.50"));

        assertThat(accounts.selects()).singleElement().asString().endsWith("FOR UPDATE");
        AccountsTable.Update update = accounts.onlyUpdate();
        assertThat(update.sql()).contains("balance = balance - ?").doesNotContain("frozen");
        assertThat(update.args()).containsExactly(new BigDecimal("7.50"), 7L);
    }

    @Test
    void aDebitTheBalanceDoesNotCoverTakesNothing() {
        accounts.has(7, "7.49", "0.00");

        assertThat(catchThrowableOfType(InsufficientBalance.class, () -> debit.debit(7, new BigDecimal("7.50"))))
                .isNotNull();
        assertThat(accounts.updates()).isEmpty();
    }
}
