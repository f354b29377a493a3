package org.shopsuite.testfixtures;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.shopsuite.stack.Probes;
import org.shopsuite.stack.RedisPart;
import org.shopsuite.stack.SentinelPart;
import org.shopsuite.stack.StackSettings;

/** The Redis master, its replicas and the sentinels, seen together: is the group settled, and if not, why. */
final class RedisGroup {

    private final String host;
    private final List<RedisPart> nodes;
    private final List<SentinelPart> sentinels;

    RedisGroup(String host, List<RedisPart> nodes, List<SentinelPart> sentinels) {
        this.host = host;
        this.nodes = nodes;
        this.sentinels = sentinels;
    }

    /**
     * Waits until the group has been settled for {@code stable} without a break (zero: settled once), at most
     * {@code timeout}.
     */
    void awaitSettled(Duration stable, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long settledSince = -1;
        String why = "";
        while (System.nanoTime() < deadline) {
            Optional<String> unsettled = unsettledBecause();
            long now = System.nanoTime();
            if (unsettled.isPresent()) {
                settledSince = -1;
                why = unsettled.get();
            } else {
                settledSince = settledSince < 0 ? now : settledSince;
                if (now - settledSince >= stable.toNanos()) {
                    return;
                }
            }
            sleep(100);
        }
        throw new IllegalStateException("Redis did not settle within " + timeout.toSeconds() + " s: " + why);
    }

    /**
     * Settled: every sentinel names the same master and sees it neither down nor failing over, that node is a master,
     * and the other nodes replicate it with their link up.
     */
    Optional<String> unsettledBecause() {
        Set<String> masters = new HashSet<>();
        for (SentinelPart sentinel : sentinels) {
            Optional<List<String>> reply = Probes.redis(host, sentinel.port(), "SENTINEL", "MASTER",
                    StackSettings.SENTINEL_MASTER_NAME);
            if (reply.isEmpty()) {
                return Optional.of(sentinel.name() + " does not answer");
            }
            Map<String, String> master = pairs(reply.get());
            if (!"master".equals(master.get("flags"))) {
                return Optional.of(sentinel.name() + " flags the master " + master.get("flags"));
            }
            masters.add(master.get("port"));
        }
        if (masters.size() != 1) {
            return Optional.of("the sentinels name different masters (ports " + masters + ")");
        }
        String masterPort = masters.iterator().next();
        for (RedisPart node : nodes) {
            String role = node.role();
            if (String.valueOf(node.port()).equals(masterPort)) {
                if (!"master".equals(role)) {
                    return Optional.of(node.name() + " is named master but is " + role);
                }
            } else if (!"slave".equals(role)
                    || !masterPort.equals(info(node, "master_port"))
                    || !"up".equals(info(node, "master_link_status"))) {
                return Optional.of(node.name() + " does not replicate the master on port " + masterPort + " yet");
            }
        }
        return Optional.empty();
    }

    private String info(RedisPart node, String field) {
        return Probes.redisInfo(host, node.port(), "replication", field).orElse("");
    }

    private static Map<String, String> pairs(List<String> flat) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            map.put(flat.get(i), flat.get(i + 1));
        }
        return map;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Redis to settle", e);
        }
    }
}
