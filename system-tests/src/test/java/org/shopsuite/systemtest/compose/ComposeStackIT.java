package org.shopsuite.systemtest.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.shopsuite.stack.StackSettings;
import org.shopsuite.testfixtures.SuiteHttp;
import org.shopsuite.testfixtures.SuiteHttp.Reply;

/**
 * {@code docker compose up} end to end, with the README's commands: builds the images, brings the stack up, waits
 * until every container is healthy, then uses the suite through nginx as a client would: orders in XA and TCC, cached
 * reads, a plain SQL change served by both gateways within 1 s, the Redis master container killed. {@code down -v}
 * at the end, whatever happened.
 *
 * <p>Runs where a Docker engine answers. Without one it is skipped with the reason, unless
 * {@code SHOP_REQUIRE_DOCKER=true} (.ci/run sets it): then it fails. Everything it creates belongs to the compose
 * project {@value #PROJECT} (compose labels containers, networks and volumes with it); a run that was killed leaves
 * them behind, and the next run removes them first. The images it builds stay: they are the build cache.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ComposeStackIT {

    static final String PROJECT = "shopsuite-e2e";
    static final List<String> CONTAINERS = List.of("mysql", "redis-1", "redis-2", "redis-3", "sentinel-1",
            "sentinel-2", "sentinel-3", "seata", "canal", "account-service", "inventory-service", "order-service-1",
            "order-service-2", "canal-sync", "cache-gateway-1", "cache-gateway-2", "nginx");
    static final List<String> BASE_IMAGES = List.of("shopsuite-base/debian:bookworm", "shopsuite-base/java:25");

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The user id of operators' tokens here: no account has it. */
    private static final long OPERATOR = 999_999_999L;
    private static final Pattern USER_ID = Pattern.compile("\"userId\":(\\d+)");
    private final Map<String, String> tokens = new ConcurrentHashMap<>();
    private String devTokenSecret;

    private final Path root = StackSettings.findProjectRoot();
    private ComposeCli compose;
    private String nginx;
    private String skipped;

    @BeforeEach
    void skipWithoutEngine() {
        Assumptions.assumeTrue(skipped == null, () -> skipped);
    }

    @BeforeAll
    void upTheStack() throws IOException {
        ComposeCli.Result engine = ComposeCli.engine();
        if (!engine.ok()) {
            String why = "no Docker engine answers `" + ComposeCli.dockerClient() + " info` (" + engine.output().strip()
                    + "). Start one (.ci/run installs and starts Debian's docker.io), or run without SHOP_REQUIRE_DOCKER";
            if ("true".equals(System.getenv("SHOP_REQUIRE_DOCKER"))) {
                fail("SHOP_REQUIRE_DOCKER=true, but " + why);
            }
            // Each test is then reported skipped with this reason (an abort here would hide them from the counts).
            skipped = "compose end-to-end test skipped: " + why;
            System.out.println("[compose] " + skipped);
            return;
        }
        int port = freePort();
        nginx = "http://127.0.0.1:" + port;
        Map<String, String> environment = new HashMap<>(composeSecrets());
        environment.put("SHOP_HTTP_PORT", String.valueOf(port));
        // what this test's tokens are asked with, at the issuer container's development token endpoint
        devTokenSecret = environment.get("SHOP_AUTH_DEV_TOKEN_SECRET");
        compose = ComposeCli.forProject(root, PROJECT, environment);
        for (String image : BASE_IMAGES) {
            if (!compose.docker(Duration.ofSeconds(30), "image", "inspect", image).ok()) {
                fail("base image " + image + " is missing: run docker/base-images.sh (README, Compose)");
            }
        }
        System.out.printf("[compose] %s, engine %s, nginx on port %d%n",
                compose.v2() ? "Compose v2 (docker compose)" : "Compose v1 (docker-compose)", engine.output().strip(),
                port);
        // A run that was killed left its containers, networks and volumes: start from nothing.
        step("remove leftovers of an earlier run", Duration.ofMinutes(3), "down", "-v", "--remove-orphans");
        long begin = System.nanoTime();
        if (compose.v2()) {
            step("build and start, wait for health", Duration.ofMinutes(25), "up", "-d", "--build", "--wait");
        } else {
            step("build the images", Duration.ofMinutes(20), "build");
            System.out.printf("[compose] images built in %.0f s%n", seconds(begin));
            // v1 gives up as soon as a dependency reports unhealthy, even for a moment: on a loaded machine a
            // service may fail its first start (a database connection timing out) and be restarted by its restart
            // policy. `up -d` again carries on from where the first stopped; containers already up stay as they are.
            for (int attempt = 1; ; attempt++) {
                ComposeCli.Result up = compose.compose(Duration.ofMinutes(15), "up", "-d");
                System.out.printf("[compose] start, attempt %d: %s (exit %d, %.0f s since the first command)%n", attempt,
                        String.join(" ", compose.command("up", "-d")), up.exit(), seconds(begin));
                if (up.ok()) {
                    break;
                }
                if (attempt == 3) {
                    fail("up -d failed three times, last output:\n" + tail(up.output()));
                }
            }
        }
        awaitAllHealthy(Duration.ofMinutes(10));
        System.out.printf("[compose] every container healthy %.0f s after the first command%n", seconds(begin));
    }

    /**
     * The README's one-time step, docker/compose-env.sh, run into a file of the build's: the user's own .env is left
     * alone, and compose gets the values from the environment, which it prefers over .env.
     */
    private Map<String, String> composeSecrets() throws IOException {
        Path env = Files.createDirectories(root.resolve("system-tests/target")).resolve("compose.env");
        ComposeCli.Result made = ComposeCli.run(List.of(root.resolve("docker/compose-env.sh").toString(),
                env.toString()), root, Map.of(), Duration.ofSeconds(30));
        assertThat(made.ok()).as("docker/compose-env.sh: %s", made.output()).isTrue();
        Map<String, String> secrets = new HashMap<>();
        for (String line : Files.readAllLines(env)) {
            String[] nameAndValue = line.split("=", 2);
            if (nameAndValue.length == 2) {
                secrets.put(nameAndValue[0], nameAndValue[1]);
            }
        }
        return secrets;
    }

    @AfterAll
    void downTheStack() throws IOException {
        if (compose == null) {
            return;
        }
        // Logs first, to read after a failure (target/compose-logs).
        ComposeCli.Result logs = compose.compose(Duration.ofMinutes(2), "logs", "--no-color", "--timestamps");
        Path dir = Files.createDirectories(root.resolve("system-tests/target/compose-logs"));
        Files.writeString(dir.resolve(PROJECT + ".log"), logs.output());
        ComposeCli.Result down = compose.compose(Duration.ofMinutes(3), "down", "-v", "--remove-orphans");
        assertThat(down.exit()).as("down -v: %s", down.output()).isZero();
        ComposeCli.Result left = compose.docker(Duration.ofMinutes(1), "ps", "-aq", "--filter",
                "label=com.docker.compose.project=" + PROJECT);
        assertThat(left.output().strip()).as("containers left by %s", PROJECT).isEmpty();
    }

    // ---------------------------------------------------------------------------------------------------- orders

    @Test
    @Order(1)
    void ordersInXaAndTccThroughNginxCommit() {
        for (String mode : List.of("XA", "TCC")) {
            Reply placed = post("/api/orders", "{\"userId\":2,\"productId\":2,\"quantity\":1,\"mode\":\"" + mode + "\"}",
                    "compose-" + mode + "-" + UUID.randomUUID());
            System.out.printf("[compose] %s order: %s%n", mode, placed);
            assertThat(placed.status()).as("%s order through nginx: %s", mode, placed).isEqualTo(201);
            assertThat(placed.json().path("status").asText()).isEqualTo("SUCCESS");
            assertThat(placed.json().path("mode").asText()).isEqualTo(mode);
            Reply read = get(nginx + "/api/orders/" + placed.json().path("orderId").asLong());
            assertThat(read.status()).isEqualTo(200);
            assertThat(read.json().path("status").asText()).isEqualTo("SUCCESS");
        }
        assertThat(sql("SELECT balance FROM account_db.accounts WHERE user_id = 2")).isEqualTo("1460.00");
        assertThat(sql("SELECT stock FROM inventory_db.inventory WHERE product_id = 2")).isEqualTo("48");
    }

    // ------------------------------------------------------------------------------------------------- the caches

    @Test
    @Order(2)
    void productsAndBalancesAreServedThroughNginxFromTheCaches() {
        for (String path : List.of("/api/products/1", "/api/accounts/1")) {
            List<String> levels = new ArrayList<>();
            Reply last = null;
            for (int i = 0; i < 6; i++) {
                last = get(nginx + path);
                assertThat(last.status()).as("GET %s: %s", path, last).isEqualTo(200);
                levels.add(String.valueOf(last.cache())); // "null": no X-Cache header
            }
            System.out.printf("[compose] GET %s: X-Cache %s, %s%n", path, levels, last.json());
            assertThat(levels).as("X-Cache of GET %s", path).allMatch(level -> List.of("MISS", "L1", "L2").contains(level))
                    .contains("L1");
        }
        assertThat(get(nginx + "/api/products/1").json().path("stock").asText())
                .isEqualTo(sql("SELECT stock FROM inventory_db.inventory WHERE product_id = 1"));
    }

    @Test
    @Order(3)
    void aPlainSqlUpdateIsServedByBothGatewaysWithinOneSecond() {
        // Warm both gateways' L1, then change the row behind their backs.
        List<String> gateways = List.of(gatewayUrl("cache-gateway-1", 8080), gatewayUrl("cache-gateway-2", 8090));
        for (String gateway : gateways) {
            assertThat(get(gateway + "/api/products/1").status()).isEqualTo(200);
        }
        int stock = 500 + (int) (System.nanoTime() % 400);
        sql("UPDATE inventory_db.inventory SET stock = " + stock + " WHERE product_id = 1");
        long committed = System.nanoTime();
        Map<String, Double> seenAfter = new LinkedHashMap<>();
        while (seenAfter.size() < gateways.size() && seconds(committed) < 3) {
            for (String gateway : gateways) {
                if (!seenAfter.containsKey(gateway)
                        && get(gateway + "/api/products/1").json().path("stock").asInt() == stock) {
                    seenAfter.put(gateway, seconds(committed));
                }
            }
        }
        System.out.printf("[compose] UPDATE stock=%d seen after (s) %s%n", stock, seenAfter);
        assertThat(seenAfter).as("gateways serving the new stock").containsOnlyKeys(gateways);
        assertThat(seenAfter.values()).as("seconds from the UPDATE's commit").allMatch(s -> s <= 1.0);
        assertThat(get(nginx + "/api/products/1").json().path("stock").asInt()).isEqualTo(stock);
    }

    // ------------------------------------------------------------------------------------------ Redis failover

    @Test
    @Order(4)
    void killingTheRedisMasterContainerKeepsReadsUpAndOrdersResumeAfterFailover() {
        String master = sentinelMaster();
        String masterService = master.substring(0, master.indexOf(':'));
        assertThat(CONTAINERS).as("the master the sentinels name (%s)", master).contains(masterService);
        ComposeCli.Result kill = compose.docker(Duration.ofMinutes(1), "kill", compose.containerOf(masterService));
        assertThat(kill.ok()).as("docker kill %s: %s", masterService, kill.output()).isTrue();
        long killed = System.nanoTime();

        // Reads all along, from a thread of their own, while this one watches the sentinels and places orders.
        List<String> failedReads = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.atomic.AtomicInteger reads = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicBoolean reading = new java.util.concurrent.atomic.AtomicBoolean(true);
        Thread reader = new Thread(() -> {
            List<String> paths = List.of("/api/products/1", "/api/products/2", "/api/accounts/1", "/api/accounts/2");
            while (reading.get()) {
                String path = paths.get(reads.getAndIncrement() % paths.size());
                Reply read = get(nginx + path);
                if (read.status() != 200) {
                    failedReads.add(String.format("%.1f s %s %s", seconds(killed), path, read));
                }
                sleep(50);
            }
        }, "compose-reader");
        reader.start();
        String newMaster = master;
        Reply order = null;
        Double failedOverAt = null;
        Double orderedAt = null;
        try {
            while (seconds(killed) < 90 && orderedAt == null) {
                if (failedOverAt == null) {
                    newMaster = sentinelMaster();
                    if (!newMaster.equals(master)) {
                        failedOverAt = seconds(killed);
                    }
                } else {
                    order = post("/api/orders", "{\"userId\":1,\"productId\":2,\"quantity\":1,\"mode\":\"XA\"}",
                            "compose-failover-" + UUID.randomUUID());
                    if (order.status() == 201) {
                        orderedAt = seconds(killed);
                    }
                }
            }
            sleep(2000); // reads go on a little after the first order, then stop
        } finally {
            reading.set(false);
            try {
                reader.join(15_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        System.out.printf("[compose] master %s killed; sentinels named %s after %s s; an order succeeded after %s s"
                + " (%s); %d reads meanwhile, %d not 200%n", master, newMaster, failedOverAt, orderedAt, order,
                reads.get(), failedReads.size());
        assertThat(failedReads).as("reads through nginx while the Redis master was down").isEmpty();
        assertThat(failedOverAt).as("sentinels elected a new master within 90 s").isNotNull();
        assertThat(orderedAt).as("an order succeeded after the failover (last answer %s)", order).isNotNull();
        assertThat(order.json().path("status").asText()).isEqualTo("SUCCESS");
    }

    // ---------------------------------------------------------------------------------------------------- helpers

    private void step(String what, Duration timeout, String... args) {
        long begin = System.nanoTime();
        ComposeCli.Result result = compose.compose(timeout, args);
        System.out.printf("[compose] %s: %s (%.0f s)%n", what, String.join(" ", compose.command(args)), seconds(begin));
        if (!result.ok()) {
            fail(what + " failed (" + String.join(" ", compose.command(args)) + "), last output:\n" + tail(result.output()));
        }
    }

    private void awaitAllHealthy(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, String> health = new LinkedHashMap<>();
        while (System.nanoTime() < deadline) {
            // One `docker ps` for all containers: a compose command per container each round cost the starting stack
            // a second of CPU per container on two cores.
            ComposeCli.Result ps = compose.docker(Duration.ofMinutes(1), "ps", "-a", "--filter",
                    "label=com.docker.compose.project=" + PROJECT, "--format",
                    "{{.Label \"com.docker.compose.service\"}}\t{{.State}}\t{{.Status}}");
            Map<String, String> byService = new HashMap<>();
            ps.output().lines().map(line -> line.split("\t", 3)).filter(fields -> fields.length == 3)
                    .forEach(fields -> byService.put(fields[0], fields[1] + "/" + healthIn(fields[2])));
            health.clear();
            for (String service : CONTAINERS) {
                health.put(service, byService.getOrDefault(service, "missing"));
            }
            if (health.values().stream().allMatch("running/healthy"::equals)) {
                return;
            }
            sleep(2000);
        }
        fail("not every container is healthy after " + timeout.toMinutes() + " min: " + health
                + "; logs in system-tests/target/compose-logs");
    }

    /** The health in a `docker ps` status such as "Up 2 minutes (healthy)": healthy, unhealthy, starting or none. */
    private static String healthIn(String status) {
        Matcher health = Pattern.compile("\\((healthy|unhealthy|health: starting)\\)").matcher(status);
        return health.find() ? health.group(1).replace("health: ", "") : "none";
    }

    /** The gateway's address on the compose network: the host reaches container addresses directly on Linux. */
    private String gatewayUrl(String service, int port) {
        ComposeCli.Result ip = compose.docker(Duration.ofMinutes(1), "inspect", "--format",
                "{{range .NetworkSettings.Networks}}{{.IPAddress}} {{end}}", compose.containerOf(service));
        return "http://" + ip.output().strip().split("\\s+")[0] + ":" + port;
    }

    private String sentinelMaster() {
        // the sentinel asks for the Redis password: redis-cli takes it from REDISCLI_AUTH, set from the container's own
        ComposeCli.Result reply = compose.compose(Duration.ofMinutes(1), "exec", "-T", "sentinel-1", "sh", "-c",
                "REDISCLI_AUTH=\"$SHOP_REDIS_PASSWORD\" redis-cli -p 26380 SENTINEL get-master-addr-by-name mymaster");
        String[] lines = reply.output().strip().split("\\s+");
        assertThat(lines).as("sentinel-1's master: %s", reply.output()).hasSize(2);
        return lines[0] + ":" + lines[1];
    }

    /** Plain SQL as root inside the database container, the way an operator would run it. */
    private String sql(String statement) {
        ComposeCli.Result result = compose.compose(Duration.ofMinutes(1), "exec", "-T", "mysql", "mariadb", "-uroot",
                "-N", "-B", "-e", statement);
        assertThat(result.exit()).as("%s: %s", statement, result.output()).isZero();
        return result.output().strip();
    }

    /** A read as an operator (scope shop.admin), who may read every balance and order. */
    private Reply get(String url) {
        return SuiteHttp.sendOrNoAnswer(SuiteHttp.get(url, token(OPERATOR, true), Duration.ofSeconds(10)));
    }

    /** An order with the token of the user the body names. */
    private Reply post(String path, String body, String idempotencyKey) {
        Matcher user = USER_ID.matcher(body);
        assertThat(user.find()).as("userId in %s", body).isTrue();
        return SuiteHttp.sendOrNoAnswer(SuiteHttp.post(nginx + path, body, token(Long.parseLong(user.group(1)), false),
                Duration.ofSeconds(60)).header("Idempotency-Key", idempotencyKey));
    }

    /**
     * A token from the issuer container's development endpoint, asked from inside the container (only nginx is
     * published), as ./stack token does natively.
     */
    private String token(long userId, boolean admin) {
        return tokens.computeIfAbsent(userId + ":" + admin, key -> {
            ComposeCli.Result reply = compose.compose(Duration.ofMinutes(1), "exec", "-T", "auth-server", "curl", "-fsS",
                    "-X", "POST", "-H", "X-Shop-Dev-Token-Secret: " + devTokenSecret,
                    "-d", "user_id=" + userId + "&admin=" + admin, "http://127.0.0.1:8087/dev/token");
            assertThat(reply.ok()).as("a token from auth-server: %s", reply.output()).isTrue();
            try {
                return JSON.readTree(reply.output().strip()).path("access_token").asText();
            } catch (IOException e) {
                throw new IllegalStateException("auth-server answered no token: " + reply.output(), e);
            }
        });
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static String tail(String output) {
        List<String> lines = output.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
