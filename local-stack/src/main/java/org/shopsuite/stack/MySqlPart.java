package org.shopsuite.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * MariaDB as the suite's MySQL-compatible server: its own data directory, ROW binlog for Canal, and the schema,
 * seed and users loaded from {@code sql/} on first start.
 */
public final class MySqlPart extends Part {

    private static final String LOADED_MARKER = "shopsuite-sql-loaded";

    public MySqlPart(StackSettings settings) {
        super(settings, "mysql", settings.mysqlPort());
    }

    private Path dataDir() {
        return dir().resolve("data");
    }

    private Path socket() {
        return dir().resolve("mysqld.sock");
    }

    @Override
    protected void prepare() throws IOException {
        if (Files.isDirectory(dataDir().resolve("mysql"))) {
            return;
        }
        Files.createDirectories(dataDir());
        StringBuilder out = new StringBuilder();
        int exit = Probes.run(List.of("mariadb-install-db", "--no-defaults", "--user=" + System.getProperty("user.name"),
                "--datadir=" + dataDir(), "--auth-root-authentication-method=normal", "--skip-test-db"),
                null, out, Duration.ofMinutes(2));
        Files.writeString(logFile(), out, java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND);
        if (exit != 0) {
            throw new IOException("mariadb-install-db failed (exit " + exit + ") for " + dataDir()
                    + "; is the mariadb-server package installed? Its output is in " + logFile());
        }
    }

    @Override
    protected List<String> command() {
        List<String> command = new ArrayList<>(List.of(
                "mariadbd", "--no-defaults",
                "--user=" + System.getProperty("user.name"),
                "--datadir=" + dataDir(),
                "--port=" + port(),
                "--bind-address=" + settings.bindAddress(),
                "--socket=" + socket(),
                "--pid-file=" + dir().resolve("mysqld.pid"),
                "--skip-name-resolve",
                "--character-set-server=utf8mb4",
                "--collation-server=utf8mb4_general_ci",
                "--max-connections=1000",
                "--innodb-buffer-pool-size=256M",
                "--innodb-lock-wait-timeout=10",
                // Canal reads row images from the binlog.
                "--log-bin=" + dataDir().resolve("mysql-bin"),
                "--binlog-format=ROW",
                "--binlog-row-image=FULL",
                "--server-id=1",
                "--expire-logs-days=3",
                "--log-bin-trust-function-creators=1"));
        // Seata XA holds a connection between the two phases only when SELECT VERSION() reads below 8.0.29 (MySQL
        // 8.0.29+ lets another session finish a prepared XA transaction; MariaDB does not). Announcing the same
        // 5.5.5- prefix that MariaDB already sends in its handshake makes Seata hold it. See docs/facts.md.
        serverVersion().ifPresent(version -> command.add("--version=5.5.5-" + version));
        // ...but Canal then takes the server for one older than 5.6.1 and reads binlog events as checksum-free:
        // write them without checksums so both readings agree.
        command.add("--binlog-checksum=NONE");
        return command;
    }

    private static Optional<String> serverVersion() {
        StringBuilder out = new StringBuilder();
        Probes.run(List.of("mariadbd", "--version"), null, out, Duration.ofSeconds(10));
        Matcher matcher = Pattern.compile("Ver\\s+(\\S+)").matcher(out);
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    @Override
    public boolean healthy() {
        if (!Probes.listening(settings.host(), port())) {
            return false;
        }
        if (inContainer()) {
            return true; // no socket here; the image opens the port only once sql/ is loaded, and checks SELECT 1
        }
        return client(List.of("-e", "SELECT 1"), null, new StringBuilder()) == 0;
    }

    /** shopsuite/mariadb: the same server options; the image loads sql/ (and root over TCP) when its volume is new. */
    @Override
    public Optional<ContainerRecipe> containerRecipe() {
        Map<String, String> environment = new java.util.HashMap<>(Map.of(
                "MARIADB_PORT", String.valueOf(port()),
                "MARIADB_BIND", settings.bindAddress()));
        // the image gives the users these passwords when it initialises its volume
        for (StackSecret secret : List.of(StackSecret.ORDER_DB_PASSWORD, StackSecret.ACCOUNT_DB_PASSWORD,
                StackSecret.INVENTORY_DB_PASSWORD, StackSecret.CANAL_DB_PASSWORD)) {
            environment.put(secret.environmentVariable(), secret.value(settings));
        }
        return Optional.of(ContainerRecipe.of("shopsuite/mariadb", environment));
    }

    @Override
    protected void afterHealthy() throws IOException {
        if (inContainer()) {
            return; // the image's entrypoint loaded sql/ before it opened the port
        }
        Path marker = dataDir().resolve(LOADED_MARKER);
        if (!Files.exists(marker)) {
            loadSql();
            Files.writeString(marker, "sql/ loaded\n");
        }
        // sql/ creates the users locked and without passwords: every start gives them the stack's secrets (a no-op
        // once they have them), so a secret made after the data directory (or deleted) is the one that works.
        StringBuilder users = new StringBuilder();
        for (DatabaseUser user : DatabaseUser.values()) {
            users.append(user.unlockStatement(settings));
        }
        executeSecretly(users.toString(), "giving the database users their passwords from "
                + SecretFiles.dir(settings));
    }

    private void loadSql() throws IOException {
        // Operators and tests log in as root with an empty password over TCP (README, ports); install-db made root
        // for the socket only.
        execute("CREATE USER IF NOT EXISTS 'root'@'127.0.0.1' IDENTIFIED BY '';"
                + " GRANT ALL PRIVILEGES ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION;", "root over TCP");
        try (Stream<Path> files = Files.list(settings.projectRoot().resolve("sql"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".sql")).sorted().toList()) {
                StringBuilder out = new StringBuilder();
                if (client(List.of(), file, out) != 0) {
                    throw new IOException("loading " + file + " into MariaDB failed: " + out.toString().trim()
                            + "\nFix the file, then `./stack reset` to load sql/ again.");
                }
            }
        }
    }

    /** Runs SQL as root through the server's socket. */
    public void execute(String sql, String what) throws IOException {
        StringBuilder out = new StringBuilder();
        if (client(List.of("-e", sql), null, out) != 0) {
            throw new IOException("MariaDB: " + what + " failed: " + out.toString().trim());
        }
    }

    /** {@link #execute}, with the SQL read from an owner-only file: on a command line, any local user could see it. */
    private void executeSecretly(String sql, String what) throws IOException {
        Path dir = Files.createDirectories(SecretFiles.dir(settings));
        Path file = Files.createTempFile(dir, "statements", ".sql",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(file, sql);
            StringBuilder out = new StringBuilder();
            if (client(List.of(), file, out) != 0) {
                throw new IOException("MariaDB: " + what + " failed: " + out.toString().trim());
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private int client(List<String> args, Path input, StringBuilder out) {
        List<String> command = new ArrayList<>(List.of("mariadb", "--no-defaults", "--socket=" + socket(), "-uroot"));
        command.addAll(args);
        return Probes.run(command, input, out, Duration.ofMinutes(1));
    }

    public String jdbcUrl(String database) {
        return "jdbc:mysql://" + settings.host() + ":" + port() + "/" + database;
    }
}
