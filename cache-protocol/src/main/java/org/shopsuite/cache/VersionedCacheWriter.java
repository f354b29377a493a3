package org.shopsuite.cache;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.ReturnType;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Writes cached rows through one Lua compare-and-set ({@code versioned-write.lua}), run atomically by Redis, so that
 * only a newer version of a row ever replaces an older one, whoever writes and in whatever order the writes land.
 * Versions are binlog places ({@link BinlogVersion}).
 */
public final class VersionedCacheWriter {

    /** The script, read once: a resource-backed script would be re-read (and its SHA recomputed) on every call. */
    public static final RedisScript<Long> SCRIPT = RedisScript.of(load("versioned-write.lua"), Long.class);

    private final StringRedisTemplate redis;
    private final CacheTtl ttl;

    public VersionedCacheWriter(StringRedisTemplate redis, CacheTtl ttl) {
        this.redis = redis;
        this.ttl = ttl;
    }

    /** The gateway's fill: true when it wrote, false when the key holds the same or a newer version. */
    public boolean fill(CachedRow row) {
        return write(CacheWrite.fill(row));
    }

    public boolean write(CacheWrite write) {
        Long wrote = redis.execute(SCRIPT, List.of(write.row().key().redisKey()), arguments(write));
        return wrote != null && wrote == 1L;
    }

    /**
     * All writes in one round trip (a pipeline), applied by Redis in list order. Returns, per write, whether it
     * wrote; throws when Redis refused or could not run any of them. More commands ({@code after}) go in the same
     * pipeline behind the writes, so Redis runs them once the writes are applied and the caller waits for one round
     * trip, not two. Their replies are not returned. With no writes, the pipeline carries only those commands.
     */
    public List<Boolean> writeAll(List<CacheWrite> writes, Consumer<RedisConnection> after) {
        // Pipelines can't fall back from EVALSHA to EVAL on NOSCRIPT (a fresh master after a failover), so send the
        // script itself; Redis caches its compiled form.
        byte[] script = SCRIPT.getScriptAsString().getBytes(StandardCharsets.UTF_8);
        List<Object> results = redis.executePipelined((RedisCallback<Object>) connection -> {
            writes.forEach(write -> eval(connection, script, write));
            after.accept(connection);
            return null;
        });
        List<Boolean> wrote = new ArrayList<>(writes.size());
        results.subList(0, writes.size()).forEach(result -> wrote.add(Long.valueOf(1L).equals(result)));
        return wrote;
    }

    private void eval(RedisConnection connection, byte[] script, CacheWrite write) {
        String[] arguments = arguments(write);
        byte[][] keyAndArguments = new byte[arguments.length + 1][];
        keyAndArguments[0] = write.row().key().redisKey().getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < arguments.length; i++) {
            keyAndArguments[i + 1] = arguments[i].getBytes(StandardCharsets.UTF_8);
        }
        connection.scriptingCommands().eval(script, ReturnType.INTEGER, 1, keyAndArguments);
    }

    private static String load(String name) {
        try (InputStream script = VersionedCacheWriter.class.getResourceAsStream(name)) {
            if (script == null) {
                throw new IllegalStateException(name + " is missing beside " + VersionedCacheWriter.class.getName());
            }
            return new String(script.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String[] arguments(CacheWrite write) {
        CachedRow row = write.row();
        return new String[] {
                write.kind().name(),
                String.valueOf(row.version()),
                row.json(),
                String.valueOf(ttl.millisFor(row))};
    }
}
