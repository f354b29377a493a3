package org.shopsuite.support.snapshot;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.lang.Nullable;

/**
 * Reads a row together with its place in the binlog, for an owning service's answer to a gateway's cache miss. The
 * read runs in {@code START TRANSACTION WITH CONSISTENT SNAPSHOT} (read only, repeatable read), and MariaDB's
 * {@code binlog_snapshot_file} / {@code binlog_snapshot_position} give the binlog position exactly consistent with that
 * snapshot, XA included (a transaction prepared but not committed is not in the snapshot, and its XA COMMIT comes after
 * the position). The gateway orders the read against canal-sync's binlog changes by it.
 */
public final class SnapshotReads {

    private SnapshotReads() {
    }

    /**
     * A read and where it stands.
     *
     * @param binlogPosition {@code file:position}, empty when the database keeps no binlog
     */
    public record Snapshot<T>(Optional<T> row, Optional<String> binlogPosition) {
    }

    /** The first row {@code query} returns, in a consistent snapshot, and the snapshot's binlog position. */
    public static <T> Snapshot<T> first(JdbcTemplate jdbc, String query, RowMapper<T> mapper, Object... parameters) {
        return jdbc.execute((ConnectionCallback<Snapshot<T>>) connection -> {
            try (Statement begin = connection.createStatement()) {
                // SET TRANSACTION (no SESSION) is for the next transaction only: the pooled connection keeps its own
                // level. A snapshot needs REPEATABLE READ; under READ COMMITTED each statement would see anew.
                begin.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
                begin.execute("START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY");
            }
            try {
                Optional<String> position = binlogPosition(connection);
                List<T> rows = new ArrayList<>(1);
                try (PreparedStatement select = connection.prepareStatement(query)) {
                    for (int i = 0; i < parameters.length; i++) {
                        select.setObject(i + 1, parameters[i]);
                    }
                    try (ResultSet result = select.executeQuery()) {
                        if (result.next()) {
                            rows.add(mapper.mapRow(result, 0));
                        }
                    }
                }
                return new Snapshot<>(rows.stream().findFirst(), position);
            } finally {
                try (Statement end = connection.createStatement()) {
                    end.execute("COMMIT");
                }
            }
        });
    }

    private static Optional<String> binlogPosition(Connection connection) throws SQLException {
        String file = null;
        String position = null;
        try (Statement status = connection.createStatement();
             ResultSet result = status.executeQuery("SHOW STATUS LIKE 'binlog_snapshot_%'")) {
            while (result.next()) {
                switch (result.getString(1).toLowerCase(java.util.Locale.ROOT)) {
                    case "binlog_snapshot_file" -> file = result.getString(2);
                    case "binlog_snapshot_position" -> position = result.getString(2);
                    default -> { }
                }
            }
        }
        return blank(file) || blank(position) ? Optional.empty() : Optional.of(file + ":" + position);
    }

    private static boolean blank(@Nullable String value) {
        return value == null || value.isBlank();
    }
}
