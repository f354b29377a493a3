package org.shopsuite.bench;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.shopsuite.stack.StackSettings;

/**
 * Where the running stack answers, from the same settings (and {@code SHOP_*} overrides) that {@code ./stack up}
 * used, plus the baseline-service's port ({@code SHOP_BASELINE_PORT}, default 8086).
 */
public record Target(List<URI> orderServices, URI baseline, List<URI> gateways, String mysqlUrl, String sentinels,
                     String sentinelMaster) {

    static Target of(StackSettings settings, Map<String, String> env) {
        String host = settings.host();
        int baselinePort = Integer.parseInt(env.getOrDefault("SHOP_BASELINE_PORT", "8086").trim());
        return new Target(
                settings.orderPorts().stream().map(p -> url(host, p)).toList(),
                url(host, baselinePort),
                settings.gatewayPorts().stream().map(p -> url(host, p)).toList(),
                "jdbc:mysql://" + host + ":" + settings.mysqlPort()
                        + "/?useSSL=false&allowPublicKeyRetrieval=true&allowMultiQueries=true"
                        + "&rewriteBatchedStatements=true",
                settings.sentinelNodes(),
                StackSettings.SENTINEL_MASTER_NAME);
    }

    private static URI url(String host, int port) {
        return URI.create("http://" + host + ":" + port);
    }
}
