package org.shopsuite.gateway.catalog;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.shopsuite.api.account.AccountView;
import org.shopsuite.api.catalog.OwnerReads;
import org.shopsuite.api.catalog.ProductView;
import org.shopsuite.api.problem.ApiProblem;
import org.shopsuite.api.problem.TraceIds;
import org.shopsuite.cache.BinlogVersion;
import org.shopsuite.cache.CacheKey;
import org.shopsuite.cache.CachedValue;
import org.shopsuite.cache.Tombstone;
import org.shopsuite.gateway.cache.RowOwner;
import org.shopsuite.gateway.security.BearerToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Reads a row from the service that owns it, through that service's public GET endpoint. The services read in a
 * consistent snapshot and send its binlog position in {@code X-Binlog-Position}: that place in the binlog is the read's
 * version ({@link BinlogVersion#snapshot}), which orders it exactly against what canal-sync writes. The
 * caller's bearer token goes along: the owner checks it as well (loads run on the thread of the request that missed).
 */
@Component
class OwningServices implements RowOwner {

    private static final Logger log = LoggerFactory.getLogger(OwningServices.class);

    private final CatalogProperties properties;
    private final ObjectMapper json;
    private final HttpClient http;

    OwningServices(CatalogProperties properties, ObjectMapper json) {
        this.properties = properties;
        this.json = json;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(properties.connectTimeout())
                .build();
    }

    @Override
    public CachedValue read(CacheKey key) {
        return switch (key.kind()) {
            case PRODUCT -> {
                Reply reply = get("inventory-service", properties.inventoryUrl(), "/api/products/" + key.id());
                yield reply.found() ? product(reply.parse(json, ProductView.class), reply.version()) : reply.absent();
            }
            case ACCOUNT -> {
                Reply reply = get("account-service", properties.accountUrl(), "/api/accounts/" + key.id());
                yield reply.found() ? account(reply.parse(json, AccountView.class), reply.version()) : reply.absent();
            }
        };
    }

    private static CachedValue product(ProductView product, long version) {
        return new org.shopsuite.cache.ProductView(product.productId(), product.name(), product.price(),
                product.stock(), version);
    }

    private static CachedValue account(AccountView account, long version) {
        return new org.shopsuite.cache.AccountView(account.userId(), account.balance(), version);
    }

    private Reply get(String service, URI base, String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base.toString().replaceAll("/+$", "") + path))
                .timeout(properties.responseTimeout())
                .header("Accept", "application/json")
                .GET();
        BearerToken.authorizationHeader().ifPresent(token -> builder.header("Authorization", token));
        HttpRequest request = builder.build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw unavailable(service, "GET " + request.uri() + " failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiProblem.unavailable("interrupted while asking " + service);
        }
        if (response.statusCode() != 200 && response.statusCode() != 404) {
            throw unavailable(service, "GET " + request.uri() + " answered " + response.statusCode());
        }
        return new Reply(service, response);
    }

    /** The owner could not answer: the client hears which service, the log what happened (under a trace id). */
    private static ApiProblem unavailable(String service, String what) {
        String traceId = TraceIds.next();
        log.warn("{} could not answer a read (traceId={}): {}", service, traceId, what);
        return ApiProblem.unavailable(service + " is unavailable; retry shortly")
                .withProperty(TraceIds.PROPERTY, traceId);
    }

    /** An owner's 200 or 404. */
    private record Reply(String service, HttpResponse<byte[]> response) {

        boolean found() {
            return response.statusCode() == 200;
        }

        /** The owner has no such row. */
        Tombstone absent() {
            return new Tombstone(UNKNOWN_VERSION);
        }

        /** The read's place in the binlog; unknown (then the row simply isn't written to L2) without a position. */
        long version() {
            return BinlogVersion.parseSnapshot(response.headers().firstValue(OwnerReads.BINLOG_POSITION_HEADER)
                    .orElse(null)).orElse(UNKNOWN_VERSION);
        }

        <T> T parse(ObjectMapper json, Class<T> type) {
            try {
                return json.readValue(response.body(), type);
            } catch (IOException e) {
                throw unavailable(service, "its answer does not read as a " + type.getName() + ": " + e.getMessage());
            }
        }
    }
}
