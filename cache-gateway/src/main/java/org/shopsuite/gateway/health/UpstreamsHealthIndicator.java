package org.shopsuite.gateway.health;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.shopsuite.gateway.catalog.CatalogProperties;
import org.shopsuite.gateway.order.OrderForwardingProperties;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/**
 * The services behind the gateway, each reachable or not. DOWN only when none is: then this gateway can answer
 * nothing but errors, while with any one of them reachable it still serves part of the API (and another gateway
 * instance would be no better off). Shown as {@code upstreams} under {@code /actuator/health}.
 */
@Component
class UpstreamsHealthIndicator extends AbstractHealthIndicator {

    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(1);

    private final Map<String, URI> upstreams = new LinkedHashMap<>();
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(PROBE_TIMEOUT)
            .build();

    UpstreamsHealthIndicator(OrderForwardingProperties orders, CatalogProperties catalog) {
        List<URI> orderInstances = orders.urls();
        for (int i = 0; i < orderInstances.size(); i++) {
            upstreams.put("order-service-" + (i + 1), orderInstances.get(i));
        }
        upstreams.put("inventory-service", catalog.inventoryUrl());
        upstreams.put("account-service", catalog.accountUrl());
    }

    @Override
    protected void doHealthCheck(Health.Builder health) throws Exception {
        Map<String, Future<String>> probes = new LinkedHashMap<>();
        try (ExecutorService probing = Executors.newVirtualThreadPerTaskExecutor()) {
            upstreams.forEach((name, url) -> probes.put(name, probing.submit(() -> probe(url))));
        }
        boolean anyReachable = false;
        for (Map.Entry<String, Future<String>> probe : probes.entrySet()) {
            String state = probe.getValue().get();
            anyReachable |= !state.startsWith("unreachable");
            health.withDetail(probe.getKey(), state);
        }
        if (anyReachable) {
            health.up();
        } else {
            health.down();
        }
    }

    /** "reachable (status N)" when the service answers its health endpoint at all, else why not. */
    private String probe(URI base) {
        URI url = URI.create(base.toString().replaceAll("/+$", "") + "/actuator/health");
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(url).timeout(PROBE_TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            return "reachable (health " + response.statusCode() + ") at " + base;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return "unreachable at " + base + ": " + e;
        }
    }
}
