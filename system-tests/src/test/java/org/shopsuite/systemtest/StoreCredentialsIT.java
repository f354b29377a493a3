package org.shopsuite.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.shopsuite.stack.DatabaseUser;
import org.shopsuite.stack.RedisPart;
import org.shopsuite.stack.SeataPart;
import org.shopsuite.stack.SentinelPart;
import org.shopsuite.stack.StackSecret;
import org.shopsuite.stack.StackSettings;
import org.shopsuite.testfixtures.SuiteHttp;
import org.shopsuite.testfixtures.TestInfrastructure;

/**
 * Every store asks for a password, and each database user can do its own work and nothing else (README, "Secrets"),
 * on the real MariaDB and Redis that ./stack runs.
 */
class StoreCredentialsIT {

    static final TestInfrastructure infra = TestInfrastructure.shared();

    // ---------------------------------------------------------------------------------------------------- Redis

    @Test
    void everyRedisNodeRefusesAClientWithoutThePassword() throws IOException {
        for (RedisPart node : infra.redisNodes()) {
            assertThat(firstReply(node.port(), "GET", "anything")).as("%s (%s) without AUTH", node.name(), node.role())
                    .startsWith("-NOAUTH");
            assertThat(firstReply(node.port(), "AUTH", "not-the-password")).as("%s with a wrong password", node.name())
                    .startsWith("-WRONGPASS");
            assertThat(node.send("PING")).as("%s with the password", node.name()).contains(List.of("PONG"));
        }
    }

    @Test
    void replicasFollowTheirMasterWithThePassword() {
        List<RedisPart> replicas = infra.redisNodes().stream().filter(node -> "slave".equals(node.role())).toList();
        assertThat(replicas).as("replicas").hasSize(2);
        for (RedisPart replica : replicas) {
            assertThat(replica.info("replication", "master_link_status")).as("%s's link to its master", replica.name())
                    .contains("up");
        }
    }

    @Test
    void everySentinelRefusesAClientWithoutThePasswordAndTheSentinelsKnowEachOther() throws IOException {
        for (SentinelPart sentinel : infra.sentinels()) {
            assertThat(firstReply(sentinel.port(), "SENTINEL", "get-master-addr-by-name",
                    StackSettings.SENTINEL_MASTER_NAME)).as("%s without AUTH", sentinel.name()).startsWith("-NOAUTH");
            assertThat(sentinel.masterAddress()).as("%s with the password", sentinel.name()).isPresent();
            // Sentinels find each other through the master (a few seconds after a start) and then talk directly: both
            // need the password.
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                    sentinel.send("SENTINEL", "ckquorum", StackSettings.SENTINEL_MASTER_NAME))
                    .as("%s's quorum", sentinel.name()).hasValueSatisfying(reply -> assertThat(reply.get(0))
                            .startsWith("OK 3 usable Sentinels")));
        }
    }

    /** The first line of the reply to one command sent without authenticating: an error names why it was refused. */
    private static String firstReply(int port, String... command) throws IOException {
        try (Socket socket = new Socket(infra.host(), port)) {
            socket.setSoTimeout(2000);
            StringBuilder request = new StringBuilder("*").append(command.length).append("\r\n");
            for (String arg : command) {
                request.append('$').append(arg.length()).append("\r\n").append(arg).append("\r\n");
            }
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8)).readLine();
        }
    }

    // -------------------------------------------------------------------------------------------- Seata console

    @Test
    void theSeataConsoleTakesTheGeneratedLoginOnly() throws Exception {
        assertThat(consoleLogin("seata", "seata")).as("Seata's built-in login").doesNotContain("\"code\":\"200\"");
        assertThat(consoleLogin(SeataPart.CONSOLE_USER, infra.secret(StackSecret.SEATA_CONSOLE_PASSWORD)))
                .as("the stack's login").contains("\"code\":\"200\"");
    }

    /** The console's answer to a login: {"code":"200",...,"data":"<token>"} or a refusal. */
    private static String consoleLogin(String user, String password) {
        return SuiteHttp.send(SuiteHttp.post("http://" + infra.host() + ":" + infra.settings().seataConsolePort()
                        + "/api/v1/auth/login", "{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}",
                null, Duration.ofSeconds(10))).body();
    }

    // ------------------------------------------------------------------------------------------------- MariaDB

    @Test
    void aDatabaseUserCannotLogInWithoutItsPassword() {
        for (DatabaseUser user : List.of(DatabaseUser.ORDER, DatabaseUser.ACCOUNT, DatabaseUser.INVENTORY,
                DatabaseUser.CANAL)) {
            assertThatThrownBy(() -> DriverManager.getConnection(url(""), user.userName(), "").close())
                    .as("%s with an empty password", user.userName())
                    .isInstanceOf(SQLException.class).hasMessageContaining("Access denied");
        }
    }

    @Test
    void aServiceUserChangesItsOwnTablesAndNoOneElses() throws SQLException {
        try (Connection order = login(DatabaseUser.ORDER); Statement sql = order.createStatement()) {
            sql.executeQuery("SELECT COUNT(*) FROM order_db.orders").close();
            sql.executeQuery("SELECT COUNT(*) FROM order_db.tcc_fence_log").close();
            assertDenied(sql, "UPDATE account_db.accounts SET balance = balance WHERE user_id = -1");
            assertDenied(sql, "SELECT balance FROM account_db.accounts WHERE user_id = -1");
            assertDenied(sql, "UPDATE inventory_db.inventory SET stock = stock WHERE product_id = -1");
            assertDenied(sql, "CREATE TABLE order_db.extra (id INT)");
            assertDenied(sql, "DROP TABLE order_db.orders");
        }
        try (Connection account = login(DatabaseUser.ACCOUNT); Statement sql = account.createStatement()) {
            assertThat(sql.executeUpdate("UPDATE account_db.accounts SET balance = balance WHERE user_id = -1"))
                    .as("account_svc updates its accounts").isGreaterThanOrEqualTo(0);
            // accounts are made by the shop's operators, never by the service
            assertDenied(sql, "INSERT INTO account_db.accounts (user_id, balance) VALUES (999999001, 1.00)");
            assertDenied(sql, "DELETE FROM account_db.accounts WHERE user_id = 999999001");
            assertDenied(sql, "UPDATE order_db.orders SET status = 'SUCCESS' WHERE order_id = -1");
            assertDenied(sql, "UPDATE inventory_db.inventory SET stock = stock WHERE product_id = -1");
        }
        try (Connection inventory = login(DatabaseUser.INVENTORY); Statement sql = inventory.createStatement()) {
            assertThat(sql.executeUpdate("UPDATE inventory_db.inventory SET stock = stock WHERE product_id = -1"))
                    .as("inventory_svc updates its stock").isGreaterThanOrEqualTo(0);
            assertDenied(sql, "UPDATE account_db.accounts SET balance = balance WHERE user_id = -1");
            assertDenied(sql, "SELECT COUNT(*) FROM order_db.orders");
        }
    }

    @Test
    void canalReadsTheBinlogAndTheTablesItFollowsAndNothingElse() throws SQLException {
        try (Connection canal = login(DatabaseUser.CANAL); Statement sql = canal.createStatement()) {
            // canal-sync's BinlogHeadWatcher reads the binlog head as canal
            try (ResultSet head = sql.executeQuery("SHOW MASTER STATUS")) {
                assertThat(head.next()).as("SHOW MASTER STATUS as canal").isTrue();
            }
            sql.executeQuery("SELECT COUNT(*) FROM account_db.accounts").close();
            sql.executeQuery("SELECT COUNT(*) FROM inventory_db.inventory").close();
            assertDenied(sql, "SELECT COUNT(*) FROM order_db.orders");
            assertDenied(sql, "SELECT COUNT(*) FROM account_db.tcc_fence_log");
            assertDenied(sql, "SELECT COUNT(*) FROM mysql.user");
            assertDenied(sql, "UPDATE account_db.accounts SET balance = balance WHERE user_id = -1");
        }
    }

    private static void assertDenied(Statement sql, String statement) {
        assertThatThrownBy(() -> sql.execute(statement)).as(statement)
                .isInstanceOf(SQLException.class).hasMessageContaining("denied");
    }

    private static Connection login(DatabaseUser user) throws SQLException {
        return DriverManager.getConnection(url(""), user.userName(), infra.secret(user.password()));
    }

    private static String url(String database) {
        return infra.jdbcUrl(database) + "?useSSL=false&allowPublicKeyRetrieval=true";
    }
}
