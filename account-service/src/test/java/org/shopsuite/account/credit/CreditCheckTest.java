package org.shopsuite.account.credit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.shopsuite.account.account.Account;
import org.shopsuite.account.account.AccountNotFound;
import org.shopsuite.api.problem.ApiProblem;
import org.shopsuite.api.problem.ProblemTypes;
import org.springframework.http.HttpStatus;

/** The rule both modes share: the account row is locked, and only a balance that covers the amount is charged. */
class CreditCheckTest {

    final AccountsTable accounts = new AccountsTable();

    @Test
    void aBalanceThatCoversTheAmountPassesAndTheRowIsLocked() {
        accounts.has(7, "10.00", "0.00");

        Account account = CreditCheck.lockCovering(accounts, 7, new BigDecimal("7.50"));

        assertThat(account.balance()).isEqualByComparingTo("10.00");
        // FOR UPDATE: two orders of the same user must not both see the balance before either took from it
        assertThat(accounts.selects()).singleElement().asString().endsWith("FOR UPDATE");
    }

    @Test
    void exactlyTheBalanceIsEnough() {
        accounts.has(7, "7.50", "0.00");

        assertThat(CreditCheck.lockCovering(accounts, 7, new BigDecimal("7.50")).userId()).isEqualTo(7);
    }

    @Test
    void lessThanTheAmountIsA409InsufficientBalanceNamingBoth() {
        accounts.has(7, "7.49", "0.00");

        InsufficientBalance refusal = catchThrowableOfType(InsufficientBalance.class,
                () -> CreditCheck.lockCovering(accounts, 7, new BigDecimal("7.50")));

        assertThat(refusal.status()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(refusal.type()).isEqualTo(ProblemTypes.INSUFFICIENT_BALANCE);
        assertThat(refusal.detail()).isEqualTo("user 7 has 7.49, 7.50 requested");
    }

    @Test
    void frozenCreditIsNotSpendable() {
        // a TCC reservation already moved 5.00 from balance to frozen: only the balance counts
        accounts.has(7, "5.00", "5.00");

        assertThat(catchThrowableOfType(InsufficientBalance.class,
                () -> CreditCheck.lockCovering(accounts, 7, new BigDecimal("7.50")))).isNotNull();
    }

    @Test
    void anUnknownUserIsA404() {
        AccountNotFound refusal = catchThrowableOfType(AccountNotFound.class,
                () -> CreditCheck.lockCovering(accounts, 8, new BigDecimal("1.00")));

        assertThat(refusal.status()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(refusal.detail()).isEqualTo("no account for user 8");
    }

    @Test
    void aBadAmountIsRefusedBeforeAnyRowIsLocked() {
        ApiProblem refusal = catchThrowableOfType(ApiProblem.class,
                () -> CreditCheck.lockCovering(accounts, 7, new BigDecimal("-1.00")));

        assertThat(refusal.status()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(accounts.selects()).isEmpty();
    }
}
