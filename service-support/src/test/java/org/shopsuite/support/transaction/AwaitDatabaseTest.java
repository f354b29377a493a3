package org.shopsuite.support.transaction;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.atLeast;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.sql.Connection;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * A participant's start waits for its database before Seata's XA proxy asks it for a connection (the proxy fails the
 * whole start when that one connection does not come in time).
 */
class AwaitDatabaseTest {

    private static final String URL = "jdbc:mysql://mysql:3307/order_db";

    @Test
    void returnsOnceTheDatabaseHandsOutAConnectionAfterSomeRefusals() throws Exception {
        DataSource pool = mock(DataSource.class);
        Connection connection = mock(Connection.class);
        when(pool.getConnection())
                .thenThrow(new SQLTransientConnectionException("request timed out after 3000ms"))
                .thenThrow(new SQLTransientConnectionException("request timed out after 3000ms"))
                .thenReturn(connection);

        ParticipantDataSources.awaitDatabase(pool, URL, Duration.ofSeconds(30));

        verify(pool, times(3)).getConnection();
        verify(connection).close(); // the probe's connection goes back to the pool
    }

    @Test
    void failsAfterItsPatienceSayingWhatFailedAndWhatToDo() throws Exception {
        DataSource pool = mock(DataSource.class);
        when(pool.getConnection()).thenThrow(new SQLTransientConnectionException("Connection refused"));

        assertThatThrownBy(() -> ParticipantDataSources.awaitDatabase(pool, URL, Duration.ofMillis(600)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(URL)
                .hasMessageContaining("Connection refused")
                .hasMessageContaining("SHOP_MYSQL_HOST")
                .hasMessageContaining("shop.datasource.startup-wait");
        verify(pool, atLeast(2)).getConnection(); // it did try again before giving up
    }
}
