package org.shopsuite.gateway;

import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.shopsuite.cache.CacheJson;
import org.shopsuite.cache.CacheKey;
import org.shopsuite.cache.CachedValue;
import org.shopsuite.gateway.cache.FillPause;
import org.shopsuite.gateway.cache.L1Cache;
import org.shopsuite.testfixtures.SuiteDatabase;
import org.shopsuite.testfixtures.SuiteHttp;
import org.shopsuite.testfixtures.SuiteHttp.Reply;
import org.shopsuite.testfixtures.TestInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The gateway in this JVM, in front of the real suite of {@link TestInfrastructure#sharedSuite()}: MariaDB, Redis
 * with sentinels, account-, inventory- and two order-service instances, and canal-sync, which turns every SQL change a
 * test makes into an L2 write and an invalidation broadcast, as in production. All integration tests share this one
 * application context, and each uses rows of its own.
 *
 * <p>L1 entries live a minute here (production: 800 ms), so that what a test sees in L1, and when it leaves, is down
 * to invalidations alone and never to a TTL racing the test. {@code L1CacheTest} checks the TTL bound itself.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"shop.cache.l1.ttl=1m", "shop.cache.l1.negative-ttl=1m"})
@AutoConfigureObservability(tracing = false) // tests switch metrics export off unless asked: /actuator/prometheus
@Import(GatewayTestSupport.TestHooks.class)
public abstract class GatewayTestSupport {

    protected static final TestInfrastructure infra = TestInfrastructure.sharedSuite();
    /** The freshness promise (README, "Caches"). */
    protected static final Duration FRESHNESS = Duration.ofSeconds(1);
    /** For parts coming back after a test stopped them: not a freshness claim. */
    protected static final Duration RECOVERY = Duration.ofSeconds(60);

    /** The suite's databases, as root (the contract allows it for tests' fixtures). */
    protected static final SuiteDatabase db = SuiteDatabase.asRoot(infra);
    /** The user id of operators' tokens here: no account has it. */
    protected static final long OPERATOR = 999_999_999L;
    private static final Pattern USER_ID = Pattern.compile("\"userId\":(\\d+)");

    @LocalServerPort
    protected int port;

    @Autowired
    protected StringRedisTemplate redis;

    @Autowired
    protected L1Cache l1;

    @Autowired
    protected HeldFills heldFills;

    @Autowired
    protected MeterRegistry metrics;

    private static boolean warm;

    /** Once per JVM: Canal and canal-sync warm up on a first change, so that later ones time fairly. */
    @BeforeEach
    void warmUp() {
        if (!warm) {
            L1Cache.Mark before = l1.mark();
            long id = db.newProduct("warm-up", "1.00", 1);
            awaitSynced(CacheKey.product(id), before);
            warm = true;
        }
    }

    @DynamicPropertySource
    static void suite(DynamicPropertyRegistry registry) {
        registry.add("SHOP_AUTH_ISSUER", () -> infra.settings().authIssuer());
        registry.add("spring.data.redis.sentinel.nodes", () -> infra.settings().sentinelNodes());
        registry.add("spring.data.redis.password", infra::redisPassword);
        registry.add("spring.data.redis.sentinel.password", infra::redisPassword);
        registry.add("shop.catalog.inventory-url", () -> infra.baseUrl(infra.service("inventory-service")));
        registry.add("shop.catalog.account-url", () -> infra.baseUrl(infra.service("account-service")));
        registry.add("shop.orders.urls", () -> infra.baseUrl(infra.service("order-service-1")) + ","
                + infra.baseUrl(infra.service("order-service-2")));
    }

    // ---- HTTP

    /** A read as an operator (scope shop.admin): these tests are about caching, AuthIT about who may read what. */
    protected Reply get(String path) {
        return SuiteHttp.send(SuiteHttp.get(url(path), infra.token(OPERATOR, true), Duration.ofSeconds(30)));
    }

    protected CompletableFuture<Reply> getAsync(String path) {
        return CompletableFuture.supplyAsync(() -> get(path), command -> Thread.ofVirtual().start(command));
    }

    /** A post with the token of the user the body names (an order is placed only for the token's user). */
    protected Reply post(String path, String body, Map<String, String> headers) {
        Matcher user = USER_ID.matcher(body);
        HttpRequest.Builder request = SuiteHttp.post(url(path), body,
                infra.token(user.find() ? Long.parseLong(user.group(1)) : OPERATOR, false), Duration.ofSeconds(60));
        headers.forEach(request::header);
        return SuiteHttp.send(request);
    }

    protected String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    // ---- Redis (L2, as canal-sync and the gateway keep it)

    protected CachedValue inL2(CacheKey key) {
        String json = redis.opsForValue().get(key.redisKey());
        return json == null ? null : CacheJson.read(key, json);
    }

    protected CachedValue awaitInL2(CacheKey key, Predicate<CachedValue> wanted, Duration atMost) {
        return await().atMost(atMost).pollInterval(Duration.ofMillis(5)).ignoreExceptions()
                .until(() -> inL2(key), value -> value != null && wanted.test(value));
    }

    /**
     * Waits until canal-sync has brought a change made after {@code since} into L2 (the row as {@code image} wants it)
     * and this gateway has received its broadcast, so nothing of that change is still on its way to interfere.
     */
    protected void awaitSynced(CacheKey key, L1Cache.Mark since, Predicate<CachedValue> image) {
        awaitInL2(key, image, RECOVERY);
        await().atMost(RECOVERY).until(() -> l1.invalidatedSince(key, since));
    }

    /** {@link #awaitSynced(CacheKey, L1Cache.Mark, Predicate)} for a row just inserted: any image of it. */
    protected void awaitSynced(CacheKey key, L1Cache.Mark since) {
        awaitSynced(key, since, value -> !(value instanceof org.shopsuite.cache.Tombstone));
    }

    /** Makes a key cold in L2 (as after its expiry, or a Redis that restarted empty). */
    protected void dropFromL2(CacheKey key) {
        redis.delete(key.redisKey());
    }

    protected double count(String meter, String... tags) {
        return metrics.find(meter).tags(tags).counters().stream().mapToDouble(Counter::count).sum();
    }

    // ---- holding a cache fill back

    /** The gateway's {@link FillPause}: lets a test hold the fill of one key between its owner read and its writes. */
    public static final class HeldFills implements FillPause {

        private final Map<CacheKey, HeldFill> held = new ConcurrentHashMap<>();

        /** The next fill of this key stops before it stores anything, until {@link HeldFill#release()}. */
        public HeldFill hold(CacheKey key) {
            HeldFill fill = new HeldFill();
            held.put(key, fill);
            return fill;
        }

        @Override
        public void beforeStoring(CacheKey key) {
            HeldFill fill = held.remove(key);
            if (fill != null) {
                fill.reached.countDown();
                awaitQuietly(fill.released);
            }
        }
    }

    public static final class HeldFill {

        private final CountDownLatch reached = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);

        /** Waits until the fill has read the owner and stopped. */
        public void awaitReached() {
            try {
                if (!reached.await(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("no fill reached the pause");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        public void release() {
            released.countDown();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            if (!latch.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("a held fill was never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class TestHooks {

        @Bean
        HeldFills heldFills() {
            return new HeldFills();
        }
    }
}
