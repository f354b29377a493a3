package org.shopsuite.support.internalauth;

import java.time.Clock;
import org.shopsuite.api.participant.InternalPaths;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

/**
 * Only the suite's own services may call {@code /internal/**}: each call carries a signature made with the suite's
 * shared key ({@link InternalCallKey}), checked here before anything else runs; a call without a good one is answered
 * 401 and never reaches a controller. Every web service built on service-support needs the key: the participants
 * check with it and order-service signs with it.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class InternalCallAuthentication {

    @Bean
    InternalCallKey internalCallKey(@Value("${" + InternalCallKey.ENVIRONMENT_VARIABLE + ":}") String key) {
        return InternalCallKey.fromEnvironment(key, Clock.systemUTC());
    }

    @Bean
    FilterRegistrationBean<InternalCallFilter> internalCallFilter(InternalCallKey key) {
        FilterRegistrationBean<InternalCallFilter> registration = new FilterRegistrationBean<>(new InternalCallFilter(key));
        registration.addUrlPatterns(InternalPaths.PREFIX + "*");
        // Right after the body-size limit (RequestLimits, highest precedence), before anything that acts on a call.
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }
}
