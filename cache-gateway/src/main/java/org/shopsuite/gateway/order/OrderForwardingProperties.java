package org.shopsuite.gateway.order;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param urls            the order-service instances, tried in turn
 * @param connectTimeout  how long to wait for an instance to accept a connection before trying the next one
 * @param responseTimeout how long to wait for an instance's answer once the request was sent
 */
@ConfigurationProperties("shop.orders")
public record OrderForwardingProperties(List<URI> urls, Duration connectTimeout, Duration responseTimeout) {

    public OrderForwardingProperties {
        if (urls == null || urls.isEmpty()) {
            throw new IllegalArgumentException("shop.orders.urls (SHOP_ORDER_URLS) names no order-service instance");
        }
    }
}
