package org.shopsuite.systemtest.xa;

import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.shopsuite.stack.DatabaseUser;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.context.annotation.Bean;

/** Two databases with their services' own users; Seata proxies both DataSources as XA resources. */
@SpringBootApplication(exclude = DataSourceAutoConfiguration.class)
public class TwoDatabaseApp {

    @Value("${shop.it.jdbc-url-prefix}")
    String jdbcUrlPrefix;

    /** The passwords the infrastructure under test generated for its users (XaCoordinatorChecks#seataClient). */
    @Value("${shop.it.order-password}")
    String orderPassword;

    @Value("${shop.it.account-password}")
    String accountPassword;

    @Bean
    DataSource orderDataSource() {
        return pool("order_db", DatabaseUser.ORDER.userName(), orderPassword);
    }

    @Bean
    DataSource accountDataSource() {
        return pool("account_db", DatabaseUser.ACCOUNT.userName(), accountPassword);
    }

    private DataSource pool(String database, String user, String password) {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(jdbcUrlPrefix + database);
        pool.setUsername(user);
        pool.setPassword(password);
        pool.setMaximumPoolSize(20);
        return pool;
    }
}
