package org.shopsuite.systemtest.xa;

import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.context.annotation.Bean;

/** Two databases with their services' own users; Seata proxies both DataSources as XA resources. */
@SpringBootApplication(exclude = DataSourceAutoConfiguration.class)
public class TwoDatabaseApp {

    @Value("${shop.it.jdbc-url-prefix}")
    String jdbcUrlPrefix;

    @Bean
    DataSource orderDataSource() {
        return pool("order_db", "order_svc", "order_pw");
    }

    @Bean
    DataSource accountDataSource() {
        return pool("account_db", "account_svc", "account_pw");
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
