package org.shopsuite.canalsync;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the Canal server is and how to follow it ({@code shop.canal.*}).
 *
 * @param user       who canal-sync authenticates as at the Canal server
 * @param password   its password (a secret: {@code SHOP_CANAL_CLIENT_PASSWORD}, no default)
 * @param filter     the tables to follow, as Canal's regular expressions
 * @param batchSize  at most this many binlog entries per batch (one Redis round trip each way per batch)
 * @param idlePoll   how long to wait before asking again when the last batch was empty: Canal's server-side wait
 *                   returns early only for a full batch, so waiting here keeps a lone change from waiting for a batch
 *                   to fill; it bounds the latency this adds when the binlog is quiet
 * @param minBackoff the first wait after a failure; doubled on every failure in a row, up to {@code maxBackoff}
 * @param maxLag     health turns DOWN once the binlog head has been ahead of canal-sync for longer than this
 * @param replayWindow after a Redis failover, the cache writes of this long before it are written again on the new
 *                   master (a failover can lose writes a replica had confirmed, when the sentinels promote another)
 * @param watermarkEvery how often, while no batch comes, canal-sync tells the gateways how far behind it is (it also
 *                   does after every batch): gateways stop using their caches when they hear nothing for longer than
 *                   their bound ({@code shop.cache.max-change-stream-lag}, 750 ms), so keep this well below it
 */
@ConfigurationProperties("shop.canal")
public record CanalSyncProperties(
        @DefaultValue("127.0.0.1") String host,
        @DefaultValue("11111") int port,
        @DefaultValue("shopsuite") String destination,
        @DefaultValue("canal-sync") String user,
        String password,
        @DefaultValue("inventory_db\\.inventory,account_db\\.accounts") String filter,
        @DefaultValue("500") int batchSize,
        @DefaultValue("10ms") Duration idlePoll,
        @DefaultValue("10s") Duration socketTimeout,
        @DefaultValue("100ms") Duration minBackoff,
        @DefaultValue("5s") Duration maxBackoff,
        @DefaultValue("5s") Duration maxLag,
        @DefaultValue("60s") Duration replayWindow,
        @DefaultValue("200ms") Duration watermarkEvery) {

    @Override
    public String toString() { // never the password
        return "CanalSyncProperties[" + address() + " as " + user + ", filter " + filter + "]";
    }

    public String address() {
        return host + ":" + port + "/" + destination;
    }
}
