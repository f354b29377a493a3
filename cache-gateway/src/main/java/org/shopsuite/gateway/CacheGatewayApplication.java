package org.shopsuite.gateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The suite's public entry: forwards orders to the order-service instances and serves products and balances from
 * Caffeine (L1) over Redis (L2) over the services that own them.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class CacheGatewayApplication {

    public static void main(String[] args) {
        SpringApplication.run(CacheGatewayApplication.class, args);
    }
}
