package org.shopsuite.gateway;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.shopsuite.cache.CacheJson;
import org.shopsuite.cache.CacheKey;
import org.shopsuite.cache.CachedValue;
import org.shopsuite.gateway.cache.FillPause;
import org.shopsuite.gateway.cache.L1Cache;
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

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    /** The user id of operators' tokens here: no account has it. */
    protected static final long OPERATOR = 999_999_999L;
    private static final Pattern USER_ID = Pattern.compile("\"userId\":(\\d+)");
    private static final AtomicLong NEXT_USER = new AtomicLong(System.currentTimeMillis() % 1_000_000 * 1000);

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

    private static final AtomicLong UNUSED_IDS = new AtomicLong(1000);
    private static boolean warm;

    /** Once per JVM: Canal and canal-sync warm up on a first change, so that later ones time fairly. */
    @BeforeEach
    void warmUp() {
        if (!warm) {
            L1Cache.Mark before = l1.mark();
            long id = insertProduct("warm-up", "1.00", 1);
            awaitSynced(CacheKey.product(id), before, 1);
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
        return send(HttpRequest.newBuilder(url(path)).timeout(Duration.ofSeconds(30)).GET()
                .header("Authorization", "Bearer " + infra.token(OPERATOR, true)).build());
    }

    protected CompletableFuture<Reply> getAsync(String path) {
        return CompletableFuture.supplyAsync(() -> get(path), command -> Thread.ofVirtual().start(command));
    }

    /** A post with the token of the user the body names (an order is placed only for the token's user). */
    protected Reply post(String path, String body, Map<String, String> headers) {
        Matcher user = USER_ID.matcher(body);
        HttpRequest.Builder request = HttpRequest.newBuilder(url(path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + infra.token(user.find() ? Long.parseLong(user.group(1)) : OPERATOR,
                        false))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return send(request.build());
    }

    protected Reply send(HttpRequest request) {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body(), response.headers().map());
        } catch (IOException e) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    protected URI url(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** A response as a client sees it. */
    public record Reply(int status, String body, Map<String, List<String>> headers) {

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }

        public String cache() {
            return header("X-Cache");
        }

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException("not JSON: " + body, e);
            }
        }

        @Override
        public String toString() {
            return status + " X-Cache=" + cache() + " " + body;
        }
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
     * Waits until canal-sync has brought a change made after {@code since} into L2 (the row at {@code version}) and
     * this gateway has received its broadcast, so nothing of that change is still on its way to interfere.
     */
    protected void awaitSynced(CacheKey key, L1Cache.Mark since, long version) {
        awaitInL2(key, v -> v.version() == version, RECOVERY);
        await().atMost(RECOVERY).until(() -> l1.invalidatedSince(key, since));
    }

    /** Makes a key cold in L2 (as after its expiry, or a Redis that restarted empty). */
    protected void dropFromL2(CacheKey key) {
        redis.delete(key.redisKey());
    }

    protected double count(String meter, String... tags) {
        return metrics.find(meter).tags(tags).counters().stream().mapToDouble(Counter::count).sum();
    }

    // ---- database (root, as the contract allows for tests' fixtures)

    protected static long insertProduct(String name, String price, int stock) {
        return insert("inventory_db", "INSERT INTO inventory (product_name, price, stock) VALUES (?, ?, ?)",
                name, new BigDecimal(price), stock);
    }

    protected static long newUser(String balance) {
        long userId = NEXT_USER.incrementAndGet();
        sql("account_db", "INSERT INTO accounts (user_id, balance) VALUES (?, ?)", userId, new BigDecimal(balance));
        return userId;
    }

    /** An id no product has, nor had. */
    protected static long unusedProductId() {
        return queryLong("inventory_db", "SELECT COALESCE(MAX(product_id), 0) + ? FROM inventory",
                UNUSED_IDS.incrementAndGet());
    }

    protected static void sql(String database, String statement, Object... parameters) {
        try (Connection c = connect(database); PreparedStatement s = c.prepareStatement(statement)) {
            bind(s, parameters);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(statement, e);
        }
    }

    protected static long queryLong(String database, String query, Object... parameters) {
        try (Connection c = connect(database); PreparedStatement s = c.prepareStatement(query)) {
            bind(s, parameters);
            try (ResultSet rows = s.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(query, e);
        }
    }

    private static long insert(String database, String statement, Object... parameters) {
        try (Connection c = connect(database);
             PreparedStatement s = c.prepareStatement(statement, Statement.RETURN_GENERATED_KEYS)) {
            bind(s, parameters);
            s.executeUpdate();
            try (ResultSet keys = s.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(statement, e);
        }
    }

    private static Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(infra.jdbcUrl(database), "root", "");
    }

    private static void bind(PreparedStatement s, Object... parameters) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            s.setObject(i + 1, parameters[i]);
        }
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
