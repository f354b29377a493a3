package org.shopsuite.systemtest;

import org.shopsuite.testfixtures.TestInfrastructure;
import org.shopsuite.systemtest.xa.TwoDatabaseApp;
import org.shopsuite.systemtest.xa.XaCoordinatorChecks;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link XaCoordinatorChecks} against the test infrastructure (containers or native processes). */
@SpringBootTest(classes = TwoDatabaseApp.class)
class XaCoordinatorIT extends XaCoordinatorChecks {

    static final TestInfrastructure infra = TestInfrastructure.shared();

    @DynamicPropertySource
    static void seata(DynamicPropertyRegistry registry) {
        seataClient(registry, () -> infra.seata().address(), () -> infra.jdbcUrl(""),
                user -> infra.secret(user.password()));
    }

    @Override
    protected String jdbcUrl(String database) {
        return infra.jdbcUrl(database);
    }
}
