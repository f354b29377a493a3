package org.shopsuite.gateway.security;

import org.shopsuite.api.security.ShopResourceServer;
import org.shopsuite.gateway.ratelimit.OrderRateLimitFilter;
import org.shopsuite.gateway.ratelimit.OrderRateLimiter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;

/**
 * The gateway checks bearer tokens itself, locally: signature against the issuer's keys (fetched once and cached),
 * expiry, issuer and audience, by the suite's shared rules ({@link ShopResourceServer}). Products are public. Per-user
 * rules of cached reads are the controllers' ({@code Caller}); order requests go on with their token, and
 * order-service applies them again. Orders are rate-limited once the caller is known ({@link OrderRateLimitFilter}).
 */
@Configuration(proxyBeanMethods = false)
public class GatewaySecurity {

    @Bean
    SecurityFilterChain gatewayResourceServer(HttpSecurity http, OrderRateLimiter limiter) throws Exception {
        // Made here, not a bean: a Filter bean would also be registered with the servlet container, and run twice.
        return ShopResourceServer.apply(http, "/api/products/**")
                .addFilterAfter(new OrderRateLimitFilter(limiter), AuthorizationFilter.class)
                .build();
    }
}
