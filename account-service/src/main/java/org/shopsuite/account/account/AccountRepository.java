package org.shopsuite.account.account;

import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

@Repository
public class AccountRepository {

    static final String COLUMNS = "user_id, balance, frozen, version";
    static final RowMapper<Account> ROW = (rs, n) -> new Account(rs.getLong("user_id"), rs.getBigDecimal("balance"),
            rs.getBigDecimal("frozen"), rs.getLong("version"));

    private final JdbcTemplate jdbc;

    AccountRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Account> find(long userId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM accounts WHERE user_id = ?", ROW, userId).stream().findFirst();
    }

    /** The row, locked until the caller's transaction ends (the given template decides which DataSource). */
    public static Optional<Account> lock(JdbcTemplate jdbc, long userId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM accounts WHERE user_id = ? FOR UPDATE", ROW, userId)
                .stream().findFirst();
    }
}
