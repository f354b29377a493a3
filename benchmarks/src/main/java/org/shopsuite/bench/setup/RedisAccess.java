package org.shopsuite.bench.setup;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;
import org.redisson.config.ReadMode;

/**
 * A Redisson client configured as order-service's {@code RedissonConfiguration}: sentinel mode (so it talks to
 * whichever node the sentinels name master), 2 s timeout, 2 retries. The per-user lock cost is measured through it,
 * and the MISS reads delete their L2 keys through it.
 */
public final class RedisAccess implements AutoCloseable {

    private final RedissonClient redisson;

    public RedisAccess(String sentinels, String masterName, String password) {
        Config config = new Config();
        var servers = config.useSentinelServers().setMasterName(masterName)
                .setPassword(password)
                .setSentinelPassword(password)
                .setTimeout(2000)
                .setRetryAttempts(2)
                .setCheckSentinelsList(false)
                .setReadMode(ReadMode.MASTER); // as order-service's

        Arrays.stream(sentinels.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .forEach(address -> servers.addSentinelAddress("redis://" + address));
        this.redisson = Redisson.create(config);
    }

    public RedissonClient client() {
        return redisson;
    }

    /** Deletes the L2 entries of products {@code first .. first+count-1} (cache-protocol: shop:product:{id}). */
    public long deleteProductKeys(long first, int count) {
        long deleted = 0;
        List<String> keys = new ArrayList<>(1000);
        for (long id = first; id < first + count; id++) {
            keys.add("shop:product:" + id);
            if (keys.size() == 1000 || id == first + count - 1) {
                deleted += redisson.getKeys().delete(keys.toArray(String[]::new));
                keys.clear();
            }
        }
        return deleted;
    }

    @Override
    public void close() {
        redisson.shutdown();
    }
}
