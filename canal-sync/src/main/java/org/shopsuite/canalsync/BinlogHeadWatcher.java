package org.shopsuite.canalsync;

import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Reads the database's binlog head ({@code SHOW MASTER STATUS}, as the canal user) a few times a second, so that
 * {@link SyncProgress} can tell a binlog that did not move from one that moved while canal-sync did not.
 */
@Component
class BinlogHeadWatcher {

    private static final Logger log = LoggerFactory.getLogger(BinlogHeadWatcher.class);

    private final JdbcTemplate jdbc;
    private final SyncProgress progress;
    private final String user;
    private volatile String problem = "not read yet";
    private boolean restartReported;

    BinlogHeadWatcher(JdbcTemplate jdbc, SyncProgress progress, @Value("${spring.datasource.username}") String user) {
        this.jdbc = jdbc;
        this.progress = progress;
        this.user = user;
    }

    /** Often: the watermark the gateways trust is no fresher than the last head read that canal-sync reached. */
    @Scheduled(fixedDelayString = "${shop.canal.head-poll:100ms}")
    void readHead() {
        try {
            BinlogPosition head = jdbc.queryForObject("SHOW MASTER STATUS",
                    (row, n) -> new BinlogPosition(row.getString("File"), row.getLong("Position")));
            progress.headRead(head);
            progress.binlogRestarted().ifPresent(why -> {
                if (!restartReported) {
                    restartReported = true;
                    log.error("{}. To recover: drop the cached rows (redis-cli --scan --pattern 'shop:product:*' and"
                            + " 'shop:account:*', then DEL them), then restart canal-sync.", why);
                }
            });
            if (problem != null && !problem.equals("not read yet")) {
                log.info("Reading the binlog head works again");
            }
            problem = null;
        } catch (RuntimeException e) {
            if (problem == null) {
                log.warn("Cannot read the binlog head (SHOW MASTER STATUS as {}): {}. Until it can, canal-sync"
                        + " cannot tell whether it keeps up, and reports DOWN. Check the database is up and"
                        + " spring.datasource (SHOP_MYSQL_HOST/PORT, SHOP_CANAL_DB_USER/PASSWORD).",
                        user, e.getMessage());
            }
            problem = String.valueOf(e.getMessage());
        }
    }

    /** Why the head could not be read last time; empty when it could. */
    Optional<String> problem() {
        return Optional.ofNullable(problem);
    }
}
