package org.shopsuite.canalsync;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.shopsuite.cache.CacheJson;
import org.shopsuite.cache.CacheKey;
import org.shopsuite.cache.CacheWrite;
import org.shopsuite.cache.CachedRow;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * The XA transactions canal-sync has seen prepared and not yet decided, with their row changes, kept in a Redis hash
 * ({@value #REDIS_KEY}: XID -> JSON). Redis keeps them across canal-sync's restarts (AOF, and a replica has them
 * before the batch is acked), so canal-sync can ack past a prepared transaction and still apply it at its XA COMMIT,
 * however long the coordinator takes.
 */
@Component
class PreparedXaTransactions {

    static final String REDIS_KEY = "shop:canal-sync:prepared-xa";
    private static final byte[] KEY = REDIS_KEY.getBytes(StandardCharsets.UTF_8);
    /** Lenient about fields it does not know: those of older releases ({@code inserted}) or newer ones. */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .disable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    private static final TypeReference<List<StoredChange>> STORED = new TypeReference<>() { };

    private final StringRedisTemplate redis;

    PreparedXaTransactions(StringRedisTemplate redis) {
        this.redis = redis;
    }

    /** Everything held, as the last run left it. Throws when Redis cannot be read: then there is nothing to follow. */
    Map<String, List<BinlogChange>> load() {
        Map<String, List<BinlogChange>> held = new LinkedHashMap<>();
        redis.<String, String>opsForHash().entries(REDIS_KEY).forEach((xid, json) -> held.put(xid, read(xid, json)));
        return held;
    }

    /** Queues, on a pipelined connection, the commands that record what a batch prepared and decided. */
    void record(RedisConnection connection, TransactionOutcomes.Sorted sorted) {
        sorted.prepared().forEach((xid, changes) -> connection.hashCommands()
                .hSet(KEY, bytes(xid), bytes(write(changes))));
        if (!sorted.decided().isEmpty()) {
            connection.hashCommands().hDel(KEY, sorted.decided().stream().map(PreparedXaTransactions::bytes)
                    .toArray(byte[][]::new));
        }
    }

    /** Queues the commands that make the hash hold exactly these transactions (after a failover lost some). */
    void rewrite(RedisConnection connection, Map<String, List<BinlogChange>> held) {
        connection.keyCommands().del(KEY);
        held.forEach((xid, changes) -> connection.hashCommands().hSet(KEY, bytes(xid), bytes(write(changes))));
    }

    /** A row change as stored: the cached value as the cache itself writes it, plus where it came from. */
    record StoredChange(String table, String eventType, String position, long executeTime, CacheWrite.Kind kind,
                        String key, String value) {

        static StoredChange of(BinlogChange change) {
            CachedRow row = change.write().row();
            return new StoredChange(change.table().name(), change.eventType(), change.position(),
                    change.executeTime(), change.write().kind(), row.key().redisKey(), row.json());
        }

        BinlogChange toChange() {
            CacheKey cacheKey = CacheKey.parse(key);
            CachedRow row = new CachedRow(cacheKey, CacheJson.read(cacheKey, value));
            return new BinlogChange(new CacheWrite(kind, row), CachedTable.valueOf(table), eventType,
                    position, executeTime);
        }
    }

    private static String write(List<BinlogChange> changes) {
        try {
            return JSON.writeValueAsString(changes.stream().map(StoredChange::of).toList());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write prepared row changes as JSON", e);
        }
    }

    private static List<BinlogChange> read(String xid, String json) {
        try {
            return JSON.readValue(json, STORED).stream().map(StoredChange::toChange).toList();
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new IllegalStateException("The prepared XA transaction " + xid + " in Redis hash " + REDIS_KEY
                    + " does not parse (" + e.getMessage() + "). If canal-sync was downgraded, upgrade it again;"
                    + " otherwise delete that field (HDEL) and restart canal-sync: its rows are then refreshed only"
                    + " when they next change or expire.", e);
        }
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
