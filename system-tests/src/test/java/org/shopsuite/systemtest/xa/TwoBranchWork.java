package org.shopsuite.systemtest.xa;

import java.math.BigDecimal;
import javax.sql.DataSource;
import org.apache.seata.core.context.RootContext;
import org.apache.seata.spring.annotation.GlobalTransactional;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Two XA branches, one per database, in one global transaction (the DataSources are proxied by Seata). A
 * component-scanned bean on purpose: Seata's scanner finds @GlobalTransactional through the bean definition's class,
 * which a @Bean factory method does not declare.
 */
@Service
public class TwoBranchWork {

    private final JdbcTemplate orders;
    private final JdbcTemplate accounts;

    TwoBranchWork(@Qualifier("orderDataSource") DataSource orders,
                  @Qualifier("accountDataSource") DataSource accounts) {
        this.orders = new JdbcTemplate(orders);
        this.accounts = new JdbcTemplate(accounts);
    }

    @GlobalTransactional(name = "xa-two-branches", timeoutMills = 30_000)
    public String orderAndDebit(int user, BigDecimal amount, boolean failAfterBranches) {
        orders.update("INSERT INTO orders (user_id, product_id, quantity, amount, status, mode, xid)"
                + " VALUES (?, 1, 1, ?, 'SUCCESS', 'XA', ?)", user, amount, RootContext.getXID());
        accounts.update("UPDATE accounts SET balance = balance - ? WHERE user_id = ?", amount, user);
        if (failAfterBranches) {
            throw new IllegalStateException("failing on purpose after both branches ran");
        }
        return RootContext.getXID();
    }
}
