package org.shopsuite.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One Redis sentinel, its configuration rendered from {@code sentinel/sentinel.conf}. The rendered file is written
 * once and then belongs to the sentinel, which records the current master and its epochs in it: a restart after a
 * failover must not point it back at the old master.
 */
public final class SentinelPart extends Part {

    public SentinelPart(StackSettings settings, int index) {
        super(settings, "sentinel-" + (index + 1), settings.sentinelPorts().get(index));
    }

    private Path config() {
        return dir().resolve("sentinel.conf");
    }

    @Override
    protected void prepare() throws IOException {
        // The rendered file holds the Redis password, and the sentinel rewrites it at will: keep the directory private.
        Files.setPosixFilePermissions(dir(), PosixFilePermissions.fromString("rwx------"));
        if (Files.exists(config())) {
            return;
        }
        String template = Files.readString(settings.projectRoot().resolve("sentinel").resolve("sentinel.conf"));
        Map<String, String> values = Map.of(
                "SENTINEL_PORT", String.valueOf(port()),
                "SENTINEL_BIND", settings.bindAddress(),
                "SENTINEL_DIR", dir().toString(),
                "SENTINEL_ANNOUNCE_IP", settings.host(),
                "REDIS_MASTER_HOST", settings.host(),
                "REDIS_MASTER_PORT", String.valueOf(settings.redisMasterPort()),
                "REDIS_PASSWORD", password());
        String rendered = template;
        for (var value : values.entrySet()) {
            rendered = rendered.replace("${" + value.getKey() + "}", value.getValue());
        }
        if (rendered.contains("${")) {
            throw new IOException("sentinel/sentinel.conf has a placeholder SentinelPart does not fill: "
                    + rendered.substring(rendered.indexOf("${")).lines().findFirst().orElse(""));
        }
        Files.writeString(config(), rendered);
    }

    /** shopsuite/redis as a sentinel: the same template, rendered by the image's entrypoint. */
    @Override
    public Optional<ContainerRecipe> containerRecipe() {
        return Optional.of(new ContainerRecipe("shopsuite/redis", List.of("/usr/local/bin/redis-sentinel.sh"), Map.of(
                "SENTINEL_PORT", String.valueOf(port()),
                "SENTINEL_BIND", settings.bindAddress(),
                "REDIS_ANNOUNCE_HOST", settings.host(),
                "REDIS_MASTER_HOST", settings.host(),
                "REDIS_MASTER_PORT", String.valueOf(settings.redisMasterPort()),
                StackSecret.REDIS_PASSWORD.environmentVariable(), StackSecret.REDIS_PASSWORD.value(settings))));
    }

    @Override
    protected List<String> command() {
        return List.of("redis-server", config().toString(), "--sentinel");
    }

    @Override
    public boolean healthy() {
        return masterAddress().isPresent();
    }

    /** host:port of the master this sentinel currently names. */
    public Optional<String> masterAddress() {
        return send("SENTINEL", "get-master-addr-by-name", StackSettings.SENTINEL_MASTER_NAME)
                .filter(reply -> reply.size() == 2)
                .map(reply -> reply.get(0) + ":" + reply.get(1));
    }

    /** One command to this sentinel, authenticated with the stack's Redis password (see {@link Probes#redis}). */
    public Optional<List<String>> send(String... command) {
        return Probes.redisAuthenticated(settings.host(), port(), password(), command);
    }

    private String password() {
        return StackSecret.REDIS_PASSWORD.value(settings);
    }

    @Override
    public String detail() {
        return "master=" + masterAddress().orElse("?");
    }
}
