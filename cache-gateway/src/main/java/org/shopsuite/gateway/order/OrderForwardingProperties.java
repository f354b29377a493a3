package org.shopsuite.gateway.order;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;

/**
 * @param urls            the order-service instances, tried in turn
 * @param connectTimeout  how long to wait for an instance to accept a connection before trying the next one
 * @param responseTimeout how long to wait for an instance's answer once the request was sent: longer than
 *                        order-service takes at worst (README, "Timeouts")
 * @param deadline        how long one request may take in all, resends to the other instance included: shorter
 *                        than the proxy in front of the gateway waits (nginx)
 */
@ConfigurationProperties("shop.orders")
public record OrderForwardingProperties(List<URI> urls, Duration connectTimeout, Duration responseTimeout,
                                        Duration deadline) {

    @ConstructorBinding
    public OrderForwardingProperties {
        if (urls == null || urls.isEmpty()) {
            throw new IllegalArgumentException("shop.orders.urls (SHOP_ORDER_URLS) names no order-service instance");
        }
        if (deadline == null) {
            deadline = responseTimeout.plus(connectTimeout);
        }
    }

    /** One attempt's worth of deadline. */
    public OrderForwardingProperties(List<URI> urls, Duration connectTimeout, Duration responseTimeout) {
        this(urls, connectTimeout, responseTimeout, null);
    }
}
