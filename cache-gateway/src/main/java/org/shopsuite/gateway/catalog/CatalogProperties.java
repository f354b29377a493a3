package org.shopsuite.gateway.catalog;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param inventoryUrl    inventory-service, owner of products
 * @param accountUrl      account-service, owner of accounts
 * @param connectTimeout  how long to wait for an owner to accept a connection
 * @param responseTimeout how long to wait for its answer
 */
@ConfigurationProperties("shop.catalog")
public record CatalogProperties(URI inventoryUrl, URI accountUrl, Duration connectTimeout, Duration responseTimeout) {
}
