package org.shopsuite.canalsync;

import org.shopsuite.api.security.ShopResourceServer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * canal-sync serves no API, only its actuator, under the rules every service keeps ({@link ShopResourceServer}):
 * {@code GET /actuator/health} is open and says UP or DOWN; what is behind it (binlog positions, the Redis master's
 * address, how far behind the sync is) and the metrics need a token with scope {@code shop.admin}, as on every other
 * part of the suite.
 */
@Configuration(proxyBeanMethods = false)
class ActuatorAccess {

    @Bean
    SecurityFilterChain sharedActuatorRules(HttpSecurity http) throws Exception {
        return ShopResourceServer.apply(http).build();
    }
}
