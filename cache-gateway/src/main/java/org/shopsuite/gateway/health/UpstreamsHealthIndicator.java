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
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

/**
 * The services behind the gateway, each with its own status: UP only when its health endpoint answers 2xx (a 503 from
 * a service that lost its database or coordinator is DOWN, not "reachable"). The component is DOWN only when no
 * upstream is UP: with any one of them UP this gateway still serves part of the API (reads from its caches, orders
 * through the other instance), and another gateway instance would be no better off. Shown as {@code upstreams} under
 * {@code /actuator/health}.
 */
@Component
class UpstreamsHealthIndicator extends AbstractHealthIndicator {

    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(1);

    /** One upstream's health as this gateway sees it. */
    record UpstreamHealth(Status status, String url, String reason) {
    }

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
        Map<String, Future<UpstreamHealth>> probes = new LinkedHashMap<>();
        try (ExecutorService probing = Executors.newVirtualThreadPerTaskExecutor()) {
            upstreams.forEach((name, url) -> probes.put(name, probing.submit(() -> probe(url))));
        }
        boolean anyUp = false;
        for (Map.Entry<String, Future<UpstreamHealth>> probe : probes.entrySet()) {
            UpstreamHealth upstream = probe.getValue().get();
            anyUp |= upstream.status().equals(Status.UP);
            health.withDetail(probe.getKey(), Map.of("status", upstream.status().getCode(), "url", upstream.url(),
                    "reason", upstream.reason()));
        }
        if (anyUp) {
            health.up();
        } else {
            health.down();
        }
    }

    /** UP when the service's health endpoint answers 2xx; DOWN with the status or the error otherwise. */
    private UpstreamHealth probe(URI base) {
        URI url = URI.create(base.toString().replaceAll("/+$", "") + "/actuator/health");
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(url).timeout(PROBE_TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            int code = response.statusCode();
            boolean up = code >= 200 && code < 300;
            return new UpstreamHealth(up ? Status.UP : Status.DOWN, base.toString(), "health answered " + code);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return new UpstreamHealth(Status.DOWN, base.toString(), "unreachable: " + e);
        }
    }
}
