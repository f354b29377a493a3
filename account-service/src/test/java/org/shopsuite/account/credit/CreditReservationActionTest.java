package org.shopsuite.account.credit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.seata.rm.tcc.api.BusinessActionContext;
import org.apache.seata.rm.tcc.api.BusinessActionContextParameter;
import org.apache.seata.rm.tcc.api.TwoPhaseBusinessAction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.shopsuite.account.credit.AccountsTable.Update;

/**
 * TCC mode's three phases on the account row: try moves the amount from balance to frozen, confirm lets the frozen
 * amount go, cancel moves it back. Phase two gets user and amount from the action context, as the coordinator sends
 * it back (JSON: the numbers may come back as Integer, Long, a decimal number or a string).
 */
class CreditReservationActionTest {

    final AccountsTable accounts = new AccountsTable();
    final CreditReservationAction reservation = new CreditReservationAction(accounts);

    @Test
    void tryMovesTheAmountFromBalanceToFrozen() {
        accounts.has(7, "10.00", "0.00");

        reservation.reserve(7, new BigDecimal("7.50"));

        Update update = accounts.onlyUpdate();
        assertThat(update.sql()).contains("balance = balance - ?", "frozen = frozen + ?", "WHERE user_id = ?");
        assertThat(update.args()).containsExactly(new BigDecimal("7.50"), new BigDecimal("7.50"), 7L);
    }

    @Test
    void aTryTheBalanceDoesNotCoverReservesNothing() {
        accounts.has(7, "5.00", "0.00");

        assertThat(catchThrowableOfType(InsufficientBalance.class,
                () -> reservation.reserve(7, new BigDecimal("7.50")))).isNotNull();
        assertThat(accounts.updates()).isEmpty();
    }

    @Test
    void aTryForAnUnknownUserReservesNothing() {
        assertThat(catchThrowableOfType(org.shopsuite.account.account.AccountNotFound.class,
                () -> reservation.reserve(8, new BigDecimal("1.00")))).isNotNull();
        assertThat(accounts.updates()).isEmpty();
    }

    @Test
    void confirmLetsTheFrozenAmountGoAndLeavesTheBalance() {
        assertThat(reservation.confirm(context(7L, new BigDecimal("7.50")))).isTrue();

        Update update = accounts.onlyUpdate();
        assertThat(update.sql()).contains("frozen = frozen - ?").doesNotContain("balance");
        assertThat(update.args()).containsExactly(new BigDecimal("7.50"), 7L);
    }

    @Test
    void cancelMovesTheAmountBackToTheBalance() {
        assertThat(reservation.cancel(context(7L, new BigDecimal("7.50")))).isTrue();

        Update update = accounts.onlyUpdate();
        assertThat(update.sql()).contains("balance = balance + ?", "frozen = frozen - ?");
        assertThat(update.args()).containsExactly(new BigDecimal("7.50"), new BigDecimal("7.50"), 7L);
    }

    @ParameterizedTest
    @ValueSource(strings = {"string", "double", "bigdecimal"})
    void phaseTwoReadsTheAmountHoweverTheContextCarriesIt(String carriedAs) {
        Object amount = switch (carriedAs) {
            case "string" -> "7.50";
            case "double" -> 7.5;
            default -> new BigDecimal("7.50");
        };

        reservation.confirm(context(7, amount)); // the user id as an Integer, as small JSON numbers come back

        List<Object> args = accounts.onlyUpdate().args();
        assertThat((BigDecimal) args.get(0)).isEqualByComparingTo("7.50");
        assertThat(args.get(1)).isEqualTo(7L);
    }

    @Test
    void theTryIsFencedAndNamesItsPhaseTwo() throws NoSuchMethodException {
        TwoPhaseBusinessAction action = CreditReservation.class.getMethod("reserve", long.class, BigDecimal.class)
                .getAnnotation(TwoPhaseBusinessAction.class);

        // without the fence a repeated cancel would credit twice, and a cancel before its try would lose the try
        assertThat(action.useTCCFence()).isTrue();
        assertThat(CreditReservation.class.getMethod(action.commitMethod(), BusinessActionContext.class).getName())
                .isEqualTo("confirm");
        assertThat(CreditReservation.class.getMethod(action.rollbackMethod(), BusinessActionContext.class).getName())
                .isEqualTo("cancel");
    }

    @Test
    void theImplementationRecordsTheValuesPhaseTwoReads() throws NoSuchMethodException {
        // on the interface alone, phase two read null and the coordinator retried forever (docs/facts.md)
        Method reserve = CreditReservationAction.class.getMethod("reserve", long.class, BigDecimal.class);

        assertThat(Arrays.stream(reserve.getParameterAnnotations())
                .map(annotations -> ((BusinessActionContextParameter) annotations[0]).paramName()))
                .containsExactly("userId", "amount");
    }

    private static BusinessActionContext context(Object userId, Object amount) {
        Map<String, Object> values = new HashMap<>();
        values.put("userId", userId);
        values.put("amount", amount);
        return new BusinessActionContext("xid-1", "1", values);
    }
}
