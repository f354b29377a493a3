package org.shopsuite.support.security;

import java.util.List;
import org.shopsuite.api.security.ShopResourceServer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.security.oauth2.resource.servlet.OAuth2ResourceServerAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Every service is an OAuth2 resource server by the suite's shared rules ({@link ShopResourceServer}): {@code /api/**}
 * needs a bearer token of the configured issuer and audience, health is open, the rest of the actuator needs
 * {@code shop.admin}, {@code /internal/**} keeps its signed-call scheme. Which token may see which user's data is the
 * controllers' business (shop-api's {@code Caller}). A service lists its public reads in
 * {@code shop.security.public-gets} (inventory-service: {@code /api/products/**}).
 */
@AutoConfiguration(before = {SecurityAutoConfiguration.class, OAuth2ResourceServerAutoConfiguration.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class ServiceSecurity {

    @Bean
    @ConditionalOnMissingBean(SecurityFilterChain.class)
    SecurityFilterChain shopResourceServer(HttpSecurity http,
                                           @Value("${shop.security.public-gets:}") List<String> publicGets)
            throws Exception {
        return ShopResourceServer.apply(http, publicGets.stream().filter(p -> !p.isBlank()).toArray(String[]::new))
                .build();
    }

    /**
     * No observation per security filter, authentication and authorization: with a metrics registry present, Spring
     * Security otherwise wraps each of the chain's ~12 filters in an observation on every request (2-4 % of a
     * participant's CPU in the order profile, BENCHMARKS.md), for timers nothing reads. {@code http.server.requests}
     * still times every request.
     */
    @Bean
    @ConditionalOnMissingBean(SecurityObservationSettings.class)
    SecurityObservationSettings noSecurityObservations() {
        return SecurityObservationSettings.noObservations();
    }
}
