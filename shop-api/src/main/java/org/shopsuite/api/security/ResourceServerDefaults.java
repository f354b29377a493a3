package org.shopsuite.api.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.env.PropertiesPropertySourceLoader;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.util.ClassUtils;

/**
 * Adds {@code shop-resource-server-defaults.properties} (which issuer, keys and audience a token must have; who sees
 * health details) at the lowest precedence to every application that is an OAuth2 resource server, so the gateway
 * and the services read the same {@code SHOP_AUTH_*} variables and any key can still be overridden.
 */
public class ResourceServerDefaults implements EnvironmentPostProcessor {

    private static final String RESOURCE_SERVER =
            "org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!ClassUtils.isPresent(RESOURCE_SERVER, getClass().getClassLoader())) {
            return;
        }
        try {
            new PropertiesPropertySourceLoader()
                    .load("shop-resource-server-defaults",
                            new ClassPathResource("shop-resource-server-defaults.properties"))
                    .forEach(environment.getPropertySources()::addLast);
        } catch (IOException e) {
            throw new UncheckedIOException("shop-resource-server-defaults.properties missing from shop-api", e);
        }
    }
}
