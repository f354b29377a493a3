package org.shopsuite.canalsync;

import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.shopsuite.cache.CacheJson;
import org.shopsuite.cache.CacheKey;
import org.shopsuite.cache.CachedValue;
import org.shopsuite.cache.InvalidationMessage;
import org.shopsuite.stack.StackSecret;
import org.shopsuite.testfixtures.StandInIssuer;
import org.shopsuite.testfixtures.SuiteDatabase;
import org.shopsuite.testfixtures.TestInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.client.RestTemplateCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.task.SyncTaskExecutor;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * canal-sync as it runs, against the real MariaDB, Canal server and Redis with sentinels of
 * {@link TestInfrastructure}: SQL fixtures in, Redis L2 and invalidation messages out. All integration tests share
 * one application context (and so one follower), and each uses rows of its own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability(tracing = false) // tests switch metrics export off unless asked: /actuator/prometheus
@Import(CanalSyncTestSupport.InvalidationRecorderConfiguration.class)
abstract class CanalSyncTestSupport {

    static final TestInfrastructure infra = TestInfrastructure.shared();
    /** Its tokens are what canal-sync's actuator checks here (no auth-server runs for these tests). */
    static final StandInIssuer issuer = StandInIssuer.shared();
    /** An operator: no account has this user id; scope shop.admin sees health details and metrics. */
    static final long OPERATOR = 999_999_999L;
    /** The suite's databases, as root (the contract allows it for tests' fixtures). */
    static final SuiteDatabase db = SuiteDatabase.asRoot(infra);
    static final Duration FRESHNESS = Duration.ofSeconds(1); // the freshness promise (README, "Caches")
    /** For the first event after start-up and for recovery after a restart: not a freshness claim. */
    static final Duration RECOVERY = Duration.ofSeconds(30);

    private static boolean warm;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    InvalidationRecorder invalidations;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        registry.add("shop.canal.host", infra::host);
        registry.add("shop.canal.port", () -> infra.canal().port());
        registry.add("shop.canal.password", () -> infra.secret(StackSecret.CANAL_CLIENT_PASSWORD));
        registry.add("spring.data.redis.sentinel.nodes", () -> infra.settings().sentinelNodes());
        registry.add("spring.data.redis.password", infra::redisPassword);
        registry.add("spring.data.redis.sentinel.password", infra::redisPassword);
        registry.add("spring.datasource.url", () -> infra.jdbcUrl(""));
        registry.add("spring.datasource.password", () -> infra.secret(StackSecret.CANAL_DB_PASSWORD));
        registry.add("shop.canal.max-lag", () -> "2s");
        registry.add("shop.canal.head-poll", () -> "200ms");
        registry.add("SHOP_AUTH_ISSUER", issuer::issuer);
        registry.add("SHOP_AUTH_JWKS_URI", issuer::jwksUri);
    }

    /** Once per JVM: the Canal instance and the subscriber warm up on a first change, so later ones time fairly. */
    @BeforeEach
    void warmUp() {
        if (!warm) {
            long product = db.newProduct("warm-up", "1.00", 1);
            awaitCached(CacheKey.product(product), v -> true, RECOVERY);
            await().atMost(RECOVERY).until(() -> invalidations.received(CacheKey.product(product)).size() == 1);
            warm = true;
        }
    }

    // ---- Redis side

    CachedValue cached(CacheKey key) {
        String json = redis.opsForValue().get(key.redisKey());
        return json == null ? null : CacheJson.read(key, json);
    }

    /** Waits until the key holds a matching value; the promised 1 s (README, Caching) unless a recovery is being waited for. */
    CachedValue awaitCached(CacheKey key, Predicate<CachedValue> wanted, Duration atMost) {
        var waiting = await().atMost(atMost).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(2));
        if (atMost.compareTo(FRESHNESS) > 0) {
            waiting = waiting.ignoreExceptions(); // Redis itself may still be coming back
        }
        return waiting.until(() -> cached(key), value -> value != null && wanted.test(value));
    }

    /** Waits for the image the row has in the database now, within the freshness promise; prints the lag. */
    CachedValue awaitFresh(CacheKey key, Predicate<CachedValue> image, long committedNanos) {
        CachedValue value = awaitCached(key, image, FRESHNESS);
        System.out.printf("[canal-sync] commit-to-Redis lag %.1f ms (%s)%n",
                (System.nanoTime() - committedNanos) / 1e6, key);
        return value;
    }

    /** A row image, not a tombstone. */
    static Predicate<CachedValue> present() {
        return value -> !(value instanceof org.shopsuite.cache.Tombstone);
    }

    static Predicate<CachedValue> stock(int stock) {
        return value -> value instanceof org.shopsuite.cache.ProductView product && product.stock() == stock;
    }

    static Predicate<CachedValue> balance(String balance) {
        return value -> value instanceof org.shopsuite.cache.AccountView account
                && account.balance().compareTo(new java.math.BigDecimal(balance)) == 0;
    }

    // ---- database side

    /** Inserts a product and waits (within the promise) until Redis holds it; returns its id. */
    long cachedProduct(String name, String price, int stock) {
        long product = db.newProduct(name, price, stock);
        awaitCached(CacheKey.product(product), present(), FRESHNESS);
        return product;
    }

    /** Inserts an account and waits (within the promise) until Redis holds it; returns its user id. */
    long cachedAccount(String balance) {
        long user = db.newUser(balance);
        awaitCached(CacheKey.account(user), present(), FRESHNESS);
        return user;
    }

    /** Runs one statement in its own transaction; returns {@link System#nanoTime()} at its commit, to time from. */
    static long sql(String database, String statement, Object... parameters) {
        db.update(database, statement, parameters); // autocommit: committed on return
        return System.nanoTime();
    }

    /** Every invalidation message published on the channel, as a gateway would receive it. */
    static final class InvalidationRecorder {

        private final List<InvalidationMessage> messages = new CopyOnWriteArrayList<>();

        void record(InvalidationMessage message) {
            messages.add(message);
        }

        List<Long> received(CacheKey key) {
            return messages.stream().filter(m -> m.key().equals(key)).map(InvalidationMessage::version).toList();
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class InvalidationRecorderConfiguration {

        /** The tests' {@code TestRestTemplate} asks as an operator, as an operator's tools would. */
        @Bean
        RestTemplateCustomizer asAnOperator() {
            return rest -> rest.getInterceptors().add((request, body, execution) -> {
                request.getHeaders().setBearerAuth(issuer.token(OPERATOR, true));
                return execution.execute(request, body);
            });
        }

        @Bean
        InvalidationRecorder invalidationRecorder() {
            return new InvalidationRecorder();
        }

        @Bean
        RedisMessageListenerContainer invalidationListener(RedisConnectionFactory redis, InvalidationRecorder recorder) {
            RedisMessageListenerContainer container = new RedisMessageListenerContainer();
            container.setConnectionFactory(redis);
            // The default executor runs each message on a thread of its own, which can reorder them; keep their order.
            container.setTaskExecutor(new SyncTaskExecutor());
            container.addMessageListener((message, pattern) -> recorder.record(InvalidationMessage.fromJson(
                    new String(message.getBody(), StandardCharsets.UTF_8))),
                    new ChannelTopic(InvalidationMessage.CHANNEL));
            return container;
        }
    }
}
