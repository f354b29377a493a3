package org.shopsuite.support.transaction;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.apache.seata.rm.datasource.xa.DataSourceProxyXA;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.jdbc.support.JdbcTransactionManager;

/**
 * The two DataSources of a Seata participant, over the service's own database:
 * <ul>
 *   <li>{@code xaDataSource}: proxied by Seata, so SQL run on it inside a global transaction is an XA branch;</li>
 *   <li>{@code dataSource}: plain, for reads, TCC phases and Seata's TCC fence. It must NOT be XA-proxied, or a TCC
 *       try's SQL would be enlisted as an XA branch too (docs/facts.md).</li>
 * </ul>
 * The fence finds its DataSource and transaction manager by these bean names.
 */
@AutoConfiguration(before = DataSourceAutoConfiguration.class)
@EnableConfigurationProperties(ParticipantDataSources.DatabaseProperties.class)
public class ParticipantDataSources {

    private static final Logger log = LoggerFactory.getLogger(ParticipantDataSources.class);

    @Bean(name = {"dataSource", "seataSpringFenceDataSource"})
    @Primary
    HikariDataSource dataSource(DatabaseProperties database) {
        return pool(database, "plain");
    }

    @Bean
    DataSource xaDataSource(DatabaseProperties database) {
        HikariDataSource pool = pool(database, "xa");
        // Seata's XA proxy opens a connection in its constructor and fails the whole start if that one connection
        // does not come within the pool's 3 s: a database still starting, or one slowed by a machine busy starting
        // everything else, must not crash the service (compose then restarts it, ./stack reports it failed).
        awaitDatabase(pool, database.url(), database.startupWait());
        FirstConnectionAlone xa = new FirstConnectionAlone(new DataSourceProxyXA(pool));
        // Open the first XA connection now, before requests or phase-two retries can race for it (see below).
        try (Connection first = xa.getConnection()) {
            log.debug("first XA connection to {} opened", database.url());
        } catch (SQLException e) {
            log.warn("could not open an XA connection to {} at start-up ({}); the first one will be opened alone"
                    + " once the database answers", database.url(), e.getMessage());
        }
        return xa;
    }

    @Bean(name = {"transactionManager", "seataSpringFenceTransactionManager"})
    @Primary
    JdbcTransactionManager transactionManager(@Qualifier("dataSource") DataSource dataSource) {
        return new JdbcTransactionManager(dataSource);
    }

    /** Local transactions over the XA-proxied DataSource: inside a global transaction, one XA branch each. */
    @Bean
    JdbcTransactionManager xaTransactionManager(@Qualifier("xaDataSource") DataSource xaDataSource) {
        return new JdbcTransactionManager(xaDataSource);
    }

    @Bean
    @Primary
    JdbcTemplate jdbcTemplate(@Qualifier("dataSource") DataSource dataSource) {
        return new JdbcTemplate(dataSource);
    }

    @Bean
    JdbcTemplate xaJdbcTemplate(@Qualifier("xaDataSource") DataSource xaDataSource) {
        return new JdbcTemplate(xaDataSource);
    }

    /**
     * Returns once {@code pool} hands out a connection, trying again until {@code patience} has passed; then fails
     * with what to do. Each try waits the pool's own connection timeout.
     */
    static void awaitDatabase(DataSource pool, String url, java.time.Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        for (int attempt = 1; ; attempt++) {
            try (Connection connection = pool.getConnection()) {
                if (attempt > 1) {
                    log.info("the database at {} answered (attempt {})", url, attempt);
                }
                return;
            } catch (SQLException e) {
                if (System.nanoTime() - deadline >= 0) {
                    throw new IllegalStateException("the database at " + url + " did not hand out a connection within "
                            + patience.toSeconds() + " s (" + e.getMessage() + "): start it (./stack up mysql, or the"
                            + " mysql container) and check SHOP_MYSQL_HOST, SHOP_MYSQL_PORT and the service's database"
                            + " password; shop.datasource.startup-wait sets how long a start waits", e);
                }
                log.warn("waiting for the database at {} before registering with the coordinator (attempt {}: {});"
                        + " the service starts once it answers", url, attempt, e.getMessage());
                pause(java.time.Duration.ofMillis(500));
            }
        }
    }

    private static void pause(java.time.Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the database", e);
        }
    }

    private static HikariDataSource pool(DatabaseProperties database, String role) {
        HikariDataSource pool = new HikariDataSource();
        pool.setPoolName(database.poolName() + "-" + role);
        pool.setJdbcUrl(database.url());
        pool.setUsername(database.username());
        pool.setPassword(database.password());
        pool.setMaximumPoolSize(database.maximumPoolSize());
        // Start even when the database is down: health reports it, and the pool connects once it is back.
        pool.setInitializationFailTimeout(-1);
        pool.setConnectionTimeout(3000);
        // No gap locks: concurrent tries, cancels and fence-log writes otherwise deadlock on index gaps.
        pool.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        // A statement waits this long for a row lock (one held by a prepared XA branch, say), then fails: the service
        // answers 503 before its caller gives up on it (README, "Timeouts"). Set here, whatever the server's default.
        pool.setConnectionInitSql("SET SESSION innodb_lock_wait_timeout = " + database.lockWaitTimeout().toSeconds());
        // A database that stops answering (hung, paused, a table lock) must not hang the thread waiting on it (a
        // request, the settlement, a phase two): the driver gives up on a connect, and on any read, after these. The
        // read timeout is well above the row-lock wait and XA phase work; the connection it ends is dropped by the pool.
        pool.addDataSourceProperty("connectTimeout", String.valueOf(database.connectTimeout().toMillis()));
        pool.addDataSourceProperty("socketTimeout", String.valueOf(database.socketTimeout().toMillis()));
        return pool;
    }

    /**
     * Seata makes each XA connection through Druid's MySqlUtils, which looks up its reflection handles lazily and
     * hands out half-initialised ones when the first XA connections of a JVM are made concurrently (an NPE on
     * {@code method_6_getBooleanReadableProperty}, then SQLFeatureNotSupportedException for good). Making the first
     * connection alone avoids that race.
     */
    static final class FirstConnectionAlone extends DelegatingDataSource {
        private volatile boolean warmedUp;

        FirstConnectionAlone(DataSource target) {
            super(target);
        }

        @Override
        public Connection getConnection() throws SQLException {
            if (!warmedUp) {
                synchronized (this) {
                    if (!warmedUp) {
                        Connection first = super.getConnection();
                        warmedUp = true;
                        return first;
                    }
                }
            }
            return super.getConnection();
        }
    }

    /** {@code shop.datasource.*}: the service's own database and least-privilege user. */
    @ConfigurationProperties("shop.datasource")
    public record DatabaseProperties(String url, String username, String password, Integer maximumPoolSize,
                                     String poolName, java.time.Duration lockWaitTimeout,
                                     java.time.Duration startupWait, java.time.Duration connectTimeout,
                                     java.time.Duration socketTimeout) {
        public DatabaseProperties {
            connectTimeout = connectTimeout == null ? java.time.Duration.ofSeconds(3) : connectTimeout;
            socketTimeout = socketTimeout == null ? java.time.Duration.ofSeconds(15) : socketTimeout;
            startupWait = startupWait == null ? java.time.Duration.ofSeconds(120) : startupWait;
            maximumPoolSize = maximumPoolSize == null ? 20 : maximumPoolSize;
            poolName = poolName == null ? "db" : poolName;
            lockWaitTimeout = lockWaitTimeout == null ? java.time.Duration.ofSeconds(5) : lockWaitTimeout;
            if (socketTimeout.compareTo(lockWaitTimeout.plusSeconds(5)) < 0) {
                throw new IllegalArgumentException("shop.datasource.socket-timeout (" + socketTimeout + ") must be at"
                        + " least 5 s above shop.datasource.lock-wait-timeout (" + lockWaitTimeout + "), or a"
                        + " statement waiting for a row lock would lose its connection instead of answering 'busy'");
            }
        }
    }
}
