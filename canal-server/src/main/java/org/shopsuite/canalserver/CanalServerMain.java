package org.shopsuite.canalserver;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jboss.netty.channel.ChannelException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.alibaba.otter.canal.common.alarm.LogAlarmHandler;
import com.alibaba.otter.canal.instance.manager.CanalInstanceWithManager;
import com.alibaba.otter.canal.instance.manager.model.Canal;
import com.alibaba.otter.canal.instance.manager.model.CanalParameter;
import com.alibaba.otter.canal.instance.manager.model.CanalParameter.HAMode;
import com.alibaba.otter.canal.instance.manager.model.CanalParameter.IndexMode;
import com.alibaba.otter.canal.instance.manager.model.CanalParameter.MetaMode;
import com.alibaba.otter.canal.instance.manager.model.CanalParameter.SourcingType;
import com.alibaba.otter.canal.instance.manager.model.CanalParameter.StorageMode;
import com.alibaba.otter.canal.parse.driver.mysql.MysqlConnector;
import com.alibaba.otter.canal.parse.driver.mysql.MysqlQueryExecutor;
import com.alibaba.otter.canal.server.embedded.CanalServerWithEmbedded;
import com.alibaba.otter.canal.protocol.SecurityUtil;
import com.alibaba.otter.canal.sink.entry.EntryEventSink;

/**
 * Runs the Alibaba Canal 1.1.7 server (MySQL/MariaDB binlog to Canal clients over TCP) for one destination,
 * in its own JVM: Canal brings Spring 5.3 and cannot share a JVM with the Spring 6 services. No Canal config
 * files are used; the instance is built in code.
 *
 * <pre>
 * java -cp 'canal-server/target/canal-server-0.1.0-SNAPSHOT.jar:canal-server/target/lib/*' org.shopsuite.canalserver.CanalServerMain
 * </pre>
 *
 * <p>Configured only by environment variables (no arguments). A system property with the same name
 * ({@code -DCANAL_PORT=11199}) wins over the environment. Blank counts as unset.
 * <ul>
 * <li>{@code CANAL_PORT} (11111): TCP port for Canal clients.</li>
 * <li>{@code CANAL_HOST} (127.0.0.1): address the port binds to.</li>
 * <li>{@code CANAL_DB_HOST} (127.0.0.1), {@code CANAL_DB_PORT} (3307): the database whose binlog is read; it must
 * run with {@code --log-bin --binlog-format=ROW --server-id=N}.</li>
 * <li>{@code CANAL_DB_USER} (canal), {@code CANAL_DB_PASSWORD} (required, no default): needs REPLICATION SLAVE,
 * REPLICATION CLIENT, and SELECT on the tables it follows. {@code ./stack} generates the password; compose reads it
 * from {@code .env} ({@code docker/compose-env.sh}).</li>
 * <li>{@code CANAL_DESTINATION} (shopsuite): the only destination served; clients must connect to it.</li>
 * <li>{@code CANAL_CLIENT_USER} (canal-sync), {@code CANAL_CLIENT_PASSWORD} (required, no default): what a client must
 * authenticate with. Anyone else is refused and disconnected before it can subscribe, change the filter, read or ack
 * ({@link ClientAuthentication}). {@code ./stack} generates the password; compose reads it from {@code .env}.</li>
 * <li>{@code CANAL_DATA_DIR} (required): binlog positions live in {@code CANAL_DATA_DIR/DESTINATION/meta.dat} and
 * survive restarts; delete that file to start over from the current end of the binlog.</li>
 * <li>{@code CANAL_SLAVE_ID} (1234): replica server id, unique among the database's replicas.</li>
 * <li>{@code CANAL_FILTER} ({@code inventory_db\.inventory,account_db\.accounts}): Canal table regex (comma-separated,
 * {@code .*\..*} for all). Only a default: a client that subscribes with a non-empty filter replaces it for the whole
 * destination, and Canal stores that filter in meta.dat and re-applies it after a restart. A client subscribing with
 * an empty filter keeps whatever filter is current, so clients should always pass their filter.</li>
 * </ul>
 *
 * <p>The database must not report a version below 5.6.1 while writing binlog checksums: Canal would misread every row
 * event. A MariaDB started with {@code --version=5.5.5-...} therefore also needs {@code --binlog-checksum=NONE}
 * (checked at start-up). After a DB outage or dump error Canal reconnects on its own after 10-20 s.
 *
 * <p>Prints {@code canal-server ready on HOST:PORT destination=NAME} on stdout once clients can connect. With no
 * saved position Canal starts at the current end of the binlog (its default when no start position is configured),
 * so history is not replayed. Positions are what clients acked; they are flushed every second and on SIGTERM, and
 * events written while the server was down arrive after its restart. Canal may resend already-acked events after a
 * restart, so consumers must be idempotent. Exits with status 1 if the settings,
 * the database or the port are unusable, with a log line saying what to fix.
 */
public final class CanalServerMain {

    private static final Logger log = LoggerFactory.getLogger(CanalServerMain.class);
    private static final String GRANTS = "REPLICATION SLAVE, REPLICATION CLIENT and SELECT on the tables it follows";

    public static void main(String[] args) {
        try {
            run();
        } catch (Fatal e) {
            log.error("canal-server cannot start: {}", e.getMessage());
            System.exit(1);
        } catch (Throwable e) {
            log.error("canal-server cannot start", e);
            System.exit(1);
        }
    }

    /** In CANAL_DATA_DIR, present while the destination runs. */
    static final String READY_FILE = "ready";

    private static void run() {
        String host = setting("CANAL_HOST", "127.0.0.1");
        int port = intSetting("CANAL_PORT", 11111);
        InetSocketAddress db = new InetSocketAddress(setting("CANAL_DB_HOST", "127.0.0.1"), intSetting("CANAL_DB_PORT", 3307));
        String dbUser = setting("CANAL_DB_USER", "canal");
        String dbPassword = setting("CANAL_DB_PASSWORD", null);
        String destination = setting("CANAL_DESTINATION", "shopsuite");
        String clientUser = setting("CANAL_CLIENT_USER", "canal-sync");
        String clientPassword = setting("CANAL_CLIENT_PASSWORD", null);
        String dataDir = setting("CANAL_DATA_DIR", null);
        long slaveId = intSetting("CANAL_SLAVE_ID", 1234);
        String filter = setting("CANAL_FILTER", "inventory_db\\.inventory,account_db\\.accounts");
        if (dbPassword == null) {
            throw new Fatal("CANAL_DB_PASSWORD is not set: it is the password of the database user " + dbUser + ". ./stack"
                    + " generates it (<stack dir>/secrets/canal-db.password) and hands it over; with compose, run"
                    + " docker/compose-env.sh once (it writes .env)");
        }
        if (clientPassword == null) {
            throw new Fatal("CANAL_CLIENT_PASSWORD is not set: it is what Canal clients (canal-sync, as " + clientUser
                    + ") must authenticate with. ./stack generates it (<stack dir>/secrets/canal-client.password) and"
                    + " hands it over; with compose, run docker/compose-env.sh once (it writes .env)");
        }
        if (dataDir == null) {
            throw new Fatal("CANAL_DATA_DIR is not set: point it at a writable directory where binlog positions are kept across restarts");
        }
        // Written once the destination runs (the port opens before it): launchers wait for this file, since a client
        // subscribing in between is refused with "destination ... should start first".
        Path ready = Path.of(dataDir, READY_FILE);
        try {
            Files.deleteIfExists(ready);
        } catch (IOException e) {
            throw new Fatal("cannot remove " + ready + " (" + e.getMessage() + "): check CANAL_DATA_DIR's permissions");
        }
        try {
            Files.createDirectories(Path.of(dataDir));
        } catch (IOException e) {
            throw new Fatal("cannot create CANAL_DATA_DIR " + dataDir + " (" + e + "): choose a writable directory");
        }
        String dbDesc = "MySQL at " + db.getHostString() + ":" + db.getPort() + " as user " + dbUser;
        // Canal's parser would only log connection failures and retry forever; check once up front so a wrong
        // setting stops start-up with a clear message. Later outages are retried by Canal (see alarm handler).
        checkDatabase(db, dbUser, dbPassword, dbDesc);

        CanalParameter p = new CanalParameter();
        p.setSourcingType(SourcingType.MYSQL);
        p.setDbAddresses(List.of(db));
        p.setDbUsername(dbUser);
        p.setDbPassword(dbPassword);
        p.setSlaveId(slaveId);
        // positions: acked cursors in a local file (flushed every second and on stop); the parser resumes from
        // its in-memory position and falls back to that file after a restart
        p.setMetaMode(MetaMode.LOCAL_FILE);
        p.setDataDir(dataDir);
        p.setIndexMode(IndexMode.MEMORY_META_FAILBACK);
        p.setStorageMode(StorageMode.MEMORY);
        p.setHaMode(HAMode.HEARTBEAT);
        p.setTsdbEnable(false); // the table-meta history store needs its own database; not worth it here
        // no positions set: with nothing saved Canal starts at SHOW MASTER STATUS (end of binlog), not at history
        Canal canal = new Canal();
        canal.setId(1L);
        canal.setName(destination);
        canal.setCanalParameter(p);

        CanalServerWithEmbedded embedded = CanalServerWithEmbedded.instance();
        // only `destination` is ever started; clients asking for another one get "destination:X should start first"
        embedded.setCanalInstanceGenerator(dest -> {
            CanalInstanceWithManager instance = new CanalInstanceWithManager(canal, filter);
            instance.setAlarmHandler(new HintingAlarmHandler(dbDesc, slaveId)); // picked up by the parser on start
            // Every transaction reaches the client, at least its end, even when none of its rows pass the filter: by
            // default Canal passes such "empty" transactions only every 5 s or 8192 transactions. A client compares
            // the end of what it got with the database's binlog head, and a quiet binlog must not look like one it
            // trails. (Switching the empty-transaction filter off would drop them all instead.)
            if (instance.getEventSink() instanceof EntryEventSink sink) {
                sink.setEmptyTransctionThresold(0);
            }
            return instance;
        });
        // Canal compares a client's scrambled password with the MySQL-style hash SHA1(SHA1(password)), in hex.
        embedded.setUser(clientUser);
        embedded.setPasswd(passwordHash(clientPassword));
        ClientEndpoint netty = new ClientEndpoint(embedded);

        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("stopping: closing client connections, flushing positions to {}", dataDir);
            netty.stop(); // also stops the embedded server and its instance (meta flush)
            log.info("canal-server stopped");
        }, "canal-server-shutdown"));

        embedded.start();
        try {
            // bind before the instance connects: a second copy started by mistake must fail here, since its binlog
            // dump (same slave id) would make the DB drop the running server's dump connection
            netty.start(host, port);
        } catch (ChannelException e) {
            throw new Fatal("cannot listen on " + host + ":" + port + " (" + e.getCause() + "): another process holds the port"
                            + " (an old canal-server?); stop it or set CANAL_PORT/CANAL_HOST");
        }
        embedded.start(destination); // start the parser now, not on the first subscribe (which needs ZooKeeper monitors)
        log.info("started in {} ms after JVM start, db={}, filter={}, dataDir={}", ManagementFactory.getRuntimeMXBean().getUptime(),
            dbDesc, filter, dataDir);
        try {
            Files.writeString(ready, ProcessHandle.current().pid() + System.lineSeparator());
        } catch (IOException e) {
            log.warn("could not write {} ({}); launchers waiting for it will time out", ready, e.getMessage());
        }
        System.out.println("canal-server ready on " + host + ":" + port + " destination=" + destination);
        System.out.flush();
    }

    private static void checkDatabase(InetSocketAddress db, String user, String password, String dbDesc) {
        MysqlConnector connector = new MysqlConnector(db, user, password);
        try {
            connector.connect();
        } catch (IOException e) {
            throw new Fatal("cannot connect to " + dbDesc + " (" + rootCause(e) + "): check the DB is up and the user exists"
                            + " with that password (an anonymous ''@'localhost' account shadows it for local logins: drop it)"
                            + " and has " + GRANTS);
        }
        try {
            MysqlQueryExecutor sql = new MysqlQueryExecutor(connector);
            List<String> row = sql.query("SELECT @@log_bin, @@binlog_format, VERSION(), @@binlog_checksum").getFieldValues();
            if (!"1".equals(row.get(0)) || !"ROW".equalsIgnoreCase(row.get(1))) {
                throw new Fatal(dbDesc + " has log_bin=" + row.get(0) + ", binlog_format=" + row.get(1)
                                + ": restart it with --log-bin --binlog-format=ROW --server-id=N");
            }
            // Canal trusts the version in the binlog header: below 5.6.1 it assumes events carry no checksum. A
            // MariaDB started with --version=5.5.5-... (the Seata XA workaround) still writes CRC32 checksums, and
            // Canal then fails on the first row event ("unknow type : 179") and retries forever.
            Matcher v = Pattern.compile("^(\\d+)\\.(\\d+)\\.(\\d+)").matcher(row.get(2));
            boolean preChecksumVersion = v.find() && (Integer.parseInt(v.group(1)) * 65536 + Integer.parseInt(v.group(2)) * 256
                                                      + Integer.parseInt(v.group(3))) < 5 * 65536 + 6 * 256 + 1;
            if (preChecksumVersion && !"NONE".equalsIgnoreCase(row.get(3))) {
                throw new Fatal(dbDesc + " reports version " + row.get(2) + " (below 5.6.1, so Canal reads events as"
                                + " checksum-free) but binlog_checksum=" + row.get(3) + ": add --binlog-checksum=NONE to the"
                                + " DB's options (or drop its --version override) and restart it");
            }
            sql.query("SHOW MASTER STATUS"); // needs REPLICATION CLIENT; REPLICATION SLAVE only shows at dump time
        } catch (IOException e) {
            throw new Fatal("query failed on " + dbDesc + " (" + rootCause(e) + "): grant the user " + GRANTS);
        } finally {
            try {
                connector.disconnect();
            } catch (IOException ignored) {
                // the check is over either way
            }
        }
    }

    /** Canal reports dump failures (and keeps retrying) through this; add what to check to its stack trace. */
    private static final class HintingAlarmHandler extends LogAlarmHandler {

        private final String dbDesc;
        private final long slaveId;

        HintingAlarmHandler(String dbDesc, long slaveId) {
            this.dbDesc = dbDesc;
            this.slaveId = slaveId;
        }

        @Override
        public void sendAlarm(String destination, String stackTrace) {
            String cause = stackTrace.lines().filter(l -> l.startsWith("Caused by:")).reduce((a, b) -> b)
                .orElse(stackTrace.lines().findFirst().orElse(""));
            log.warn("binlog dump for destination {} from {} failed, Canal retries in 10-20 s; check the DB is up,"
                     + " binlog_format=ROW, the user has {} and no other canal-server or replica uses server id {}"
                     + " (CANAL_SLAVE_ID). Cause: {}", destination, dbDesc, GRANTS, slaveId, cause);
        }
    }

    /** Canal's driver wraps the useful part (e.g. "Access denied ...") in a generic "connect ... failure". */
    private static String passwordHash(String password) {
        try {
            return SecurityUtil.scrambleGenPass(password.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new Fatal("this JVM has no SHA-1, which Canal's client authentication needs: " + e.getMessage());
        }
    }

    private static String rootCause(Throwable e) {
        while (e.getCause() != null && e.getCause() != e) {
            e = e.getCause();
        }
        return String.valueOf(e.getMessage()).replace('\n', ' '); // keep the operator's error on one log line
    }

    private static final class Fatal extends RuntimeException {

        Fatal(String message) {
            super(message);
        }
    }

    private static String setting(String name, String defaultValue) {
        String value = System.getProperty(name, System.getenv(name));
        return value == null || value.isBlank() ? defaultValue : value.trim();
    }

    private static int intSetting(String name, int defaultValue) {
        String value = setting(name, null);
        try {
            return value == null ? defaultValue : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new Fatal(name + " must be a whole number, got '" + value + "'");
        }
    }
}
