package org.shopsuite.systemtest.containers;

import org.junit.jupiter.api.BeforeAll;
import org.shopsuite.systemtest.xa.TwoDatabaseApp;
import org.shopsuite.systemtest.xa.XaCoordinatorChecks;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link XaCoordinatorChecks} against the MariaDB and Seata containers built from docker/. */
@SpringBootTest(classes = TwoDatabaseApp.class)
class XaCoordinatorContainerIT extends XaCoordinatorChecks {

    /** Before Spring builds the context: without an engine this skips (or fails) with the reason, not a context error. */
    @BeforeAll
    static void containers() {
        ContainerInfrastructure.shared();
    }

    @DynamicPropertySource
    static void seata(DynamicPropertyRegistry registry) {
        seataClient(registry, () -> ContainerInfrastructure.shared().seataAddress(),
                () -> ContainerInfrastructure.shared().jdbcUrl(""),
                user -> ContainerInfrastructure.shared().secret(user.password()));
    }

    @Override
    protected String jdbcUrl(String database) {
        return ContainerInfrastructure.shared().jdbcUrl(database);
    }
}
