package org.shopsuite.account.account;

import java.util.Optional;
import org.shopsuite.support.snapshot.SnapshotReads;
import org.shopsuite.support.snapshot.SnapshotReads.Snapshot;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

@Repository
public class AccountRepository {

    static final String COLUMNS = "user_id, balance, frozen";
    static final RowMapper<Account> ROW = (rs, n) -> new Account(rs.getLong("user_id"), rs.getBigDecimal("balance"),
            rs.getBigDecimal("frozen"));

    private final JdbcTemplate jdbc;

    AccountRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Account> find(long userId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM accounts WHERE user_id = ?", ROW, userId).stream().findFirst();
    }

    /** The row as of a consistent snapshot, with the snapshot's binlog position: what a cache may keep. */
    public Snapshot<Account> findInSnapshot(long userId) {
        return SnapshotReads.first(jdbc, "SELECT " + COLUMNS + " FROM accounts WHERE user_id = ?", ROW, userId);
    }

    /** The row, locked until the caller's transaction ends (the given template decides which DataSource). */
    public static Optional<Account> lock(JdbcTemplate jdbc, long userId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM accounts WHERE user_id = ? FOR UPDATE", ROW, userId)
                .stream().findFirst();
    }
}
