package org.shopsuite.systemtest.containers;

import static org.assertj.core.api.Assertions.assertThat;

import com.alibaba.otter.canal.client.CanalConnector;
import com.alibaba.otter.canal.client.CanalConnectors;
import com.alibaba.otter.canal.protocol.CanalEntry;
import com.alibaba.otter.canal.protocol.Message;
import java.net.InetSocketAddress;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;
import org.shopsuite.stack.DatabaseUser;
import org.shopsuite.stack.StackSecret;
import org.testcontainers.containers.GenericContainer;

/**
 * The infrastructure containers built from docker/ behave as the native parts do: MariaDB with ./stack's settings
 * and sql/'s schema and users, the Canal server following its binlog, and Redis failing over under the sentinels.
 * (XA through the Seata container: {@link XaCoordinatorContainerIT}.)
 */
class ContainerInfrastructureIT {

    static ContainerInfrastructure infra;

    /** Per test, so that without an engine each test is reported skipped with the reason. */
    @BeforeEach
    void start() {
        infra = ContainerInfrastructure.shared();
    }

    @Test
    void mariadbRunsWithTheStacksSettingsAndTheSchemaAndUsersOfSql() throws SQLException {
        try (Connection root = DriverManager.getConnection(infra.jdbcUrl("account_db"), "root", "");
             ResultSet rs = root.createStatement().executeQuery(
                     "SELECT VERSION(), @@binlog_format, @@binlog_checksum, @@log_bin, @@server_id")) {
            rs.next();
            // below 8.0.29 for Seata's XA (it then holds the connection between the phases, as MariaDB requires)
            assertThat(rs.getString(1)).startsWith("5.5.5-10.11.");
            assertThat(rs.getString(2)).isEqualTo("ROW");
            assertThat(rs.getString(3)).isEqualTo("NONE");
            assertThat(rs.getInt(4)).isEqualTo(1);
            assertThat(rs.getInt(5)).isEqualTo(1);
        }
        // a service user from sql/07-users.sql sees its own database and the seed rows of sql/06-seed.sql
        try (Connection account = DriverManager.getConnection(infra.jdbcUrl("account_db"),
                DatabaseUser.ACCOUNT.userName(), infra.secret(StackSecret.ACCOUNT_DB_PASSWORD));
             ResultSet rs = account.createStatement().executeQuery("SELECT balance FROM accounts WHERE user_id = 2")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getBigDecimal(1)).isEqualByComparingTo("1500.00");
        }
    }

    @Test
    void aRowUpdateReachesACanalSubscriberWithItsNewValue() throws Exception {
        CanalConnector connector = CanalConnectors.newSingleConnector(
                new InetSocketAddress(infra.canalHost(), infra.canalPort()), ContainerInfrastructure.DESTINATION, "", "");
        connector.connect();
        try {
            connector.subscribe("inventory_db\\.inventory");
            connector.rollback();
            int stock = 1000 + (int) (System.nanoTime() % 1000);
            try (Connection root = DriverManager.getConnection(infra.jdbcUrl("inventory_db"), "root", "")) {
                root.createStatement().executeUpdate("UPDATE inventory SET stock = " + stock + " WHERE product_id = 1");
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            String seen = null;
            while (seen == null && System.nanoTime() < deadline) {
                Message message = connector.getWithoutAck(100, 100L, TimeUnit.MILLISECONDS);
                for (CanalEntry.Entry entry : message.getEntries()) {
                    if (entry.getEntryType() != CanalEntry.EntryType.ROWDATA) {
                        continue;
                    }
                    for (CanalEntry.RowData row : CanalEntry.RowChange.parseFrom(entry.getStoreValue()).getRowDatasList()) {
                        for (CanalEntry.Column column : row.getAfterColumnsList()) {
                            if (column.getName().equals("stock") && column.getValue().equals(String.valueOf(stock))) {
                                seen = column.getValue();
                            }
                        }
                    }
                }
                if (message.getId() != -1) {
                    connector.ack(message.getId());
                }
            }
            assertThat(seen).as("stock %d read from the binlog by the Canal container", stock)
                    .isEqualTo(String.valueOf(stock));
        } finally {
            connector.disconnect();
        }
    }

    @Test
    void killingTheRedisMasterContainerPromotesAReplicaAndClientsCarryOn() {
        Config config = new Config();
        var sentinelConfig = config.useSentinelServers().setMasterName("mymaster").setRetryAttempts(5).setTimeout(2000)
                .setPassword(infra.redisPassword()).setSentinelPassword(infra.redisPassword());
        infra.sentinelAddresses().forEach(sentinelConfig::addSentinelAddress);
        RedissonClient redis = Redisson.create(config);
        try {
            redis.getBucket("container-it").set("before");
            String master = masterAddress(infra.sentinels().get(0));
            GenericContainer<?> masterNode = infra.redisNodeAt(master);

            infra.kill(masterNode);

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            String promoted = master;
            while (promoted.equals(master) && System.nanoTime() < deadline) {
                sleep(500);
                promoted = masterAddress(infra.sentinels().get(0));
            }
            assertThat(promoted).as("master named by the sentinels after %s was killed", master).isNotEqualTo(master);
            redis.getBucket("container-it").set("after");
            assertThat(redis.<String>getBucket("container-it").get()).isEqualTo("after");
        } finally {
            redis.shutdown();
        }
    }

    /** IP:PORT of the master a sentinel names, asked inside its container with redis-cli. */
    private static String masterAddress(GenericContainer<?> sentinel) {
        try {
            var reply = sentinel.execInContainer("sh", "-c",
                    "REDISCLI_AUTH=\"$SHOP_REDIS_PASSWORD\" redis-cli -p \"$SENTINEL_PORT\" SENTINEL get-master-addr-by-name mymaster");
            String[] lines = reply.getStdout().strip().split("\\s+");
            assertThat(lines).as("sentinel reply %s", reply.getStdout()).hasSize(2);
            return lines[0] + ":" + lines[1];
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
