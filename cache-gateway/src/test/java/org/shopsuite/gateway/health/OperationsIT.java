package org.shopsuite.gateway.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.shopsuite.cache.CacheKey;
import org.shopsuite.gateway.GatewayTestSupport;
import org.shopsuite.gateway.cache.L1Cache;
import org.shopsuite.testfixtures.SuiteHttp.Reply;

/** What an operator sees: health with Redis and every upstream as details, and the cache's counters. */
class OperationsIT extends GatewayTestSupport {

    @Test
    void healthIsUpAndNamesRedisAndEveryUpstream() {
        Reply health = get("/actuator/health");

        assertThat(health.status()).isEqualTo(200);
        JsonNode components = health.json().path("components");
        assertThat(health.json().path("status").asText()).isEqualTo("UP");
        assertThat(components.path("l2Cache").path("status").asText()).isEqualTo("UP");
        assertThat(components.path("l2Cache").path("details").path("redis").asText()).isEqualTo("reachable");
        assertThat(components.path("l2Cache").path("details").path("breaker").asText()).isEqualTo("closed");
        assertThat(components.path("l2Cache").path("details").path("invalidations").asText()).isEqualTo("subscribed");
        JsonNode upstreams = components.path("upstreams").path("details");
        assertThat(components.path("upstreams").path("status").asText()).isEqualTo("UP");
        for (String service : new String[] {"order-service-1", "order-service-2", "inventory-service",
                "account-service"}) {
            assertThat(upstreams.path(service).path("status").asText()).as(service).isEqualTo("UP");
            assertThat(upstreams.path(service).path("reason").asText()).as(service).isEqualTo("health answered 200");
        }
        assertThat(components.has("redis")).as("Redis alone never makes the gateway DOWN").isFalse();
    }

    @Test
    void prometheusCountsLookupsPerLevelAndOriginLoads() {
        L1Cache.Mark before = l1.mark();
        long id = db.newProduct("metered", "1.00", 1);
        awaitSynced(CacheKey.product(id), before);
        get("/api/products/" + id);
        get("/api/products/" + id);

        String metrics = get("/actuator/prometheus").body();

        assertThat(metrics).containsPattern("shop_gateway_cache_lookups_total\\{[^}]*kind=\"product\"[^}]*level=\"l1\""
                + "[^}]*result=\"hit\"[^}]*} [1-9]");
        assertThat(metrics).containsPattern("shop_gateway_cache_lookups_total\\{[^}]*level=\"l2\"[^}]*result=\"(hit|miss)\"");
        assertThat(metrics).containsPattern("shop_gateway_cache_reads_total\\{[^}]*served=\"L1\"");
        assertThat(metrics).contains("shop_gateway_origin_loads_total");
        assertThat(metrics).contains("shop_gateway_l1_size");
        assertThat(metrics).contains("shop_gateway_l2_breaker_open ");
    }
}
