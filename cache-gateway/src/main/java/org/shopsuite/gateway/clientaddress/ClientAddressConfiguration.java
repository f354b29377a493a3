package org.shopsuite.gateway.clientaddress;

import java.time.Duration;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Who the client of a request is ({@code shop.client-address.trusted-proxies}, env {@code SHOP_TRUSTED_PROXIES}: comma
 * separated names or addresses of the proxies in front of the gateways; empty by default).
 */
@Configuration(proxyBeanMethods = false)
class ClientAddressConfiguration {

    @Bean(destroyMethod = "close")
    TrustedProxies trustedProxies(@Value("${shop.client-address.trusted-proxies:}") List<String> names,
                                  @Value("${shop.client-address.refresh:10s}") Duration refresh) {
        return new TrustedProxies(names, refresh);
    }

    /** First of all filters, Spring Security's included: every later one sees the client's address. */
    @Bean
    FilterRegistrationBean<ClientAddressFilter> clientAddressFilter(TrustedProxies proxies) {
        FilterRegistrationBean<ClientAddressFilter> registration =
                new FilterRegistrationBean<>(new ClientAddressFilter(proxies));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }
}
