package org.shopsuite.stack;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One Redis server with AOF (design notes). The first of the three starts as master, the others as its replicas;
 * after a failover the sentinels know better, so a restarted node follows the master the sentinels name.
 */
public final class RedisPart extends Part {

    private final boolean initialMaster;

    public RedisPart(StackSettings settings, int index) {
        super(settings, "redis-" + (index + 1), settings.redisPorts().get(index));
        this.initialMaster = index == 0;
    }

    @Override
    protected List<String> command() {
        List<String> command = new ArrayList<>(List.of("redis-server",
                "--port", String.valueOf(port()),
                "--bind", settings.bindAddress(),
                "--dir", dir().toString(),
                "--daemonize", "no",
                "--appendonly", "yes",
                "--appendfsync", "everysec",
                "--save", "",
                // A replica's first full sync would otherwise wait 5 s for more replicas to join it.
                "--repl-diskless-sync-delay", "0",
                "--replica-announce-ip", settings.host()));
        Optional<String[]> master = masterFromSentinels();
        if (master.isPresent() && !master.get()[1].equals(String.valueOf(port()))) {
            command.addAll(List.of("--replicaof", master.get()[0], master.get()[1]));
        } else if (master.isEmpty() && !initialMaster) {
            command.addAll(List.of("--replicaof", settings.host(), String.valueOf(settings.redisMasterPort())));
        }
        return command;
    }

    /**
     * shopsuite/redis as a node: the same options; it asks the sentinels for the current master on every start, as
     * {@link #command()} does.
     */
    @Override
    public Optional<ContainerRecipe> containerRecipe() {
        return Optional.of(ContainerRecipe.of("shopsuite/redis", Map.of(
                "REDIS_PORT", String.valueOf(port()),
                "REDIS_BIND", settings.bindAddress(),
                "REDIS_ANNOUNCE_HOST", settings.host(),
                "REDIS_REPLICA_OF", initialMaster ? "" : settings.host() + ":" + settings.redisMasterPort(),
                "SHOP_REDIS_SENTINELS", settings.sentinelNodes())));
    }

    private Optional<String[]> masterFromSentinels() {
        for (int sentinel : settings.sentinelPorts()) {
            Optional<List<String>> reply = Probes.redis(settings.host(), sentinel,
                    "SENTINEL", "get-master-addr-by-name", StackSettings.SENTINEL_MASTER_NAME);
            if (reply.isPresent() && reply.get().size() == 2) {
                return Optional.of(reply.get().toArray(String[]::new));
            }
        }
        return Optional.empty();
    }

    @Override
    public boolean healthy() {
        Optional<List<String>> pong = Probes.redis(settings.host(), port(), "PING");
        if (pong.isEmpty() || !pong.get().contains("PONG")) {
            return false;
        }
        String role = role();
        // A replica is healthy once it has synced with its master, so the sentinels find it ready.
        return "master".equals(role)
                || "up".equals(Probes.redisInfo(settings.host(), port(), "replication", "master_link_status").orElse(""));
    }

    public String role() {
        return Probes.redisInfo(settings.host(), port(), "replication", "role").orElse("?");
    }

    @Override
    public String detail() {
        return "role=" + role();
    }
}
