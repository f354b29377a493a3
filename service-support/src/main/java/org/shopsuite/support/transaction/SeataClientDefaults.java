package org.shopsuite.support.transaction;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.env.PropertiesPropertySourceLoader;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.ClassPathResource;

/**
 * Adds {@code shop-seata-defaults.properties} (how every service reaches the coordinator) at the lowest precedence,
 * so the three services share one Seata client configuration and can still override any key.
 */
public class SeataClientDefaults implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        try {
            new PropertiesPropertySourceLoader()
                    .load("shop-seata-defaults", new ClassPathResource("shop-seata-defaults.properties"))
                    .forEach(environment.getPropertySources()::addLast);
        } catch (IOException e) {
            throw new UncheckedIOException("shop-seata-defaults.properties missing from service-support", e);
        }
    }
}
