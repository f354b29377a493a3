package org.shopsuite.support.coordinator;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * DOWN while no Seata coordinator of the service's transaction group answers on its port: without one a service can
 * neither begin nor join a global transaction, so it must not claim to be healthy. Shown as {@code coordinator}
 * under {@code /actuator/health}. A plain TCP connect, not Seata's own channel: Seata reconnects only every 10 s, and
 * its channel pool is not open to look at.
 */
public class CoordinatorHealthIndicator extends AbstractHealthIndicator {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);

    private final List<InetSocketAddress> coordinators;

    CoordinatorHealthIndicator(List<InetSocketAddress> coordinators) {
        super("coordinator health check failed");
        this.coordinators = coordinators;
    }

    @Override
    protected void doHealthCheck(Health.Builder health) {
        String problems = "";
        for (InetSocketAddress coordinator : coordinators) {
            try (Socket socket = new Socket()) {
                // resolved on every check: in compose the coordinator's address may change when it restarts
                socket.connect(new InetSocketAddress(coordinator.getHostString(), coordinator.getPort()),
                        (int) CONNECT_TIMEOUT.toMillis());
                health.up().withDetail("address", coordinator.getHostString() + ":" + coordinator.getPort());
                return;
            } catch (IOException e) {
                problems += coordinator.getHostString() + ":" + coordinator.getPort() + " (" + e.getMessage() + ") ";
            }
        }
        health.down().withDetail("unreachable", problems.trim())
                .withDetail("hint", "start the Seata coordinator (./stack up; ./stack logs seata) or point"
                        + " SHOP_SEATA_ADDRESS at it; orders fail with 503 until it answers");
    }

    /** The indicator, for services that run Seata's client (seata.enabled). */
    @AutoConfiguration
    @ConditionalOnProperty(name = "seata.enabled", havingValue = "true")
    public static class Registration {

        @Bean
        @ConditionalOnEnabledHealthIndicator("coordinator")
        CoordinatorHealthIndicator coordinatorHealthIndicator(Environment environment) {
            String group = environment.getProperty("seata.tx-service-group", "default");
            String cluster = environment.getProperty("seata.service.vgroup-mapping." + group, "default");
            String addresses = environment.getRequiredProperty("seata.service.grouplist." + cluster);
            return new CoordinatorHealthIndicator(Arrays.stream(addresses.split(",")).map(String::trim)
                    .map(address -> {
                        int colon = address.lastIndexOf(':');
                        return InetSocketAddress.createUnresolved(address.substring(0, colon),
                                Integer.parseInt(address.substring(colon + 1)));
                    }).toList());
        }
    }
}
