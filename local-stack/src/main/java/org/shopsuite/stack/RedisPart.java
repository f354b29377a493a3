package org.shopsuite.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
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

    /**
     * The node's password settings, in a file rather than on the command line, where every local user could read them.
     * Written afresh on every start: the sentinels make a node rewrite its configuration file after a failover, and
     * a role recorded there must not outlive the restart (command() decides the role).
     */
    private Path authConfig() {
        return dir().resolve("auth.conf");
    }

    @Override
    protected void prepare() throws IOException {
        Files.setPosixFilePermissions(dir(), PosixFilePermissions.fromString("rwx------"));
        String password = StackSecret.REDIS_PASSWORD.value(settings);
        // requirepass: clients must AUTH; masterauth: as a replica (before or after a failover) it AUTHs to its master.
        Files.writeString(authConfig(), "requirepass " + password + "\nmasterauth " + password + "\n");
    }

    @Override
    protected List<String> command() {
        List<String> command = new ArrayList<>(List.of("redis-server", authConfig().toString(),
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
                "SHOP_REDIS_SENTINELS", settings.sentinelNodes(),
                StackSecret.REDIS_PASSWORD.environmentVariable(), StackSecret.REDIS_PASSWORD.value(settings))));
    }

    private Optional<String[]> masterFromSentinels() {
        for (int sentinel : settings.sentinelPorts()) {
            Optional<List<String>> reply = Probes.redisAuthenticated(settings.host(), sentinel, password(),
                    "SENTINEL", "get-master-addr-by-name", StackSettings.SENTINEL_MASTER_NAME);
            if (reply.isPresent() && reply.get().size() == 2) {
                return Optional.of(reply.get().toArray(String[]::new));
            }
        }
        return Optional.empty();
    }

    @Override
    public boolean healthy() {
        Optional<List<String>> pong = send("PING");
        if (pong.isEmpty() || !pong.get().contains("PONG")) {
            return false;
        }
        String role = role();
        // A replica is healthy once it has synced with its master, so the sentinels find it ready.
        return "master".equals(role)
                || "up".equals(info("replication", "master_link_status").orElse(""));
    }

    public String role() {
        return info("replication", "role").orElse("?");
    }

    /** One command to this node, authenticated with the stack's Redis password (see {@link Probes#redis}). */
    public Optional<List<String>> send(String... command) {
        return Probes.redisAuthenticated(settings.host(), port(), password(), command);
    }

    /** One {@code field:value} of this node's INFO {@code section}. */
    public Optional<String> info(String section, String field) {
        return Probes.redisInfo(settings.host(), port(), password(), section, field);
    }

    private String password() {
        return StackSecret.REDIS_PASSWORD.value(settings);
    }

    @Override
    public String detail() {
        return "role=" + role();
    }
}
