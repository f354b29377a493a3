package org.shopsuite.account.credit;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.shopsuite.account.account.Account;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/**
 * account_db.accounts as the credit code sees it through its JdbcTemplate: SELECTs by user id are served from rows a
 * test sets, UPDATEs are recorded for the test to read. No database, no SQL run: what a statement does to MySQL is
 * the integration tests' business; which statement is sent with which values is this one's.
 */
final class AccountsTable extends JdbcTemplate {

    record Update(String sql, List<Object> args) {
    }

    private final Map<Long, Account> rows = new HashMap<>();
    private final List<String> selects = new ArrayList<>();
    private final List<Update> updates = new ArrayList<>();

    void has(long userId, String balance, String frozen) {
        rows.put(userId, new Account(userId, new BigDecimal(balance), new BigDecimal(frozen)));
    }

    List<String> selects() {
        return selects;
    }

    List<Update> updates() {
        return updates;
    }

    Update onlyUpdate() {
        if (updates.size() != 1) {
            throw new AssertionError("expected one UPDATE, got " + updates);
        }
        return updates.getFirst();
    }

    @Override
    @SuppressWarnings("unchecked") // every SELECT of the credit code reads AccountRepository's Account rows
    public <T> List<T> query(String sql, RowMapper<T> rowMapper, Object... args) {
        selects.add(sql);
        Account row = rows.get(((Number) args[0]).longValue());
        return row == null ? List.of() : List.of((T) row);
    }

    @Override
    public int update(String sql, Object... args) {
        updates.add(new Update(sql, List.of(args)));
        return 1;
    }
}
