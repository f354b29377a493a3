import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;

/**
 * Order load against a running stack: N clients place orders back to back for S seconds (after a warm-up) and the
 * latency of placed orders is reported. Each client orders for its own users, so the per-user lock never refuses.
 *
 * <pre>java bench/OrderLoad.java --mode XA --clients 16 --seconds 20 [--shape spread|hot] [--urls http://...]</pre>
 *
 * Setup (users with large balances, products with large stock) goes through the `mariadb` client as root on the
 * stack's MariaDB (SHOP_MYSQL_PORT, default 3307).
 */
public class OrderLoad {

    static final long FIRST_USER = 900_000;
    static final int USERS_PER_CLIENT = 8;
    static final long FIRST_PRODUCT = 900_000;
    static final int PRODUCTS = 50;

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        String mode = options.getOrDefault("mode", "XA");
        int clients = Integer.parseInt(options.getOrDefault("clients", "16"));
        int seconds = Integer.parseInt(options.getOrDefault("seconds", "20"));
        int warmup = Integer.parseInt(options.getOrDefault("warmup", "5"));
        boolean hot = "hot".equals(options.getOrDefault("shape", "spread"));
        List<String> urls = Arrays.asList(options.getOrDefault("urls",
                "http://127.0.0.1:8083,http://127.0.0.1:8084").split(","));

        prepare(clients * USERS_PER_CLIENT);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long warmupEnd = System.nanoTime() + warmup * 1_000_000_000L;
        long end = warmupEnd + seconds * 1_000_000_000L;
        List<long[]> latencies = new ArrayList<>();
        Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            long[] mine = new long[2_000_000];
            latencies.add(mine);
            threads.add(Thread.ofPlatform().start(() -> {
                int n = 0;
                long count = 0;
                while (System.nanoTime() < end) {
                    long user = FIRST_USER + (long) client * USERS_PER_CLIENT + (count++ % USERS_PER_CLIENT);
                    long product = hot ? FIRST_PRODUCT : FIRST_PRODUCT + ThreadLocalRandom.current().nextInt(PRODUCTS);
                    String body = "{\"userId\":" + user + ",\"productId\":" + product + ",\"quantity\":1,\"mode\":\""
                            + mode + "\"}";
                    HttpRequest request = HttpRequest.newBuilder(URI.create(urls.get((int) (count % urls.size()))
                                    + "/api/orders")).timeout(Duration.ofSeconds(30))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build();
                    long begin = System.nanoTime();
                    int status;
                    try {
                        status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                    } catch (IOException | InterruptedException e) {
                        status = -1;
                    }
                    long took = System.nanoTime() - begin;
                    if (begin >= warmupEnd) {
                        outcomes.computeIfAbsent(String.valueOf(status), k -> new LongAdder()).increment();
                        if (status == 201 && n < mine.length) {
                            mine[n++] = took;
                        }
                    }
                }
                mine[mine.length - 1] = n;
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        long[] all = latencies.stream().flatMapToLong(l -> Arrays.stream(l, 0, (int) l[l.length - 1])).sorted()
                .toArray();
        Map<String, Long> sortedOutcomes = new TreeMap<>();
        outcomes.forEach((k, v) -> sortedOutcomes.put(k, v.sum()));
        System.out.printf("mode=%s shape=%s clients=%d seconds=%d placed=%d orders/s=%.1f p50=%.1fms p99=%.1fms"
                        + " outcomes=%s%n", mode, hot ? "hot" : "spread", clients, seconds, all.length,
                all.length / (double) seconds, percentile(all, 50), percentile(all, 99), sortedOutcomes);
    }

    static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(index, sorted.length - 1))] / 1e6;
    }

    /** Users with balances and products with stock that a run cannot exhaust (idempotent). */
    static void prepare(int users) throws Exception {
        StringBuilder sql = new StringBuilder();
        for (int i = 0; i < users; i++) {
            sql.append(i == 0 ? "INSERT INTO account_db.accounts (user_id, balance) VALUES " : ",")
                    .append("(").append(FIRST_USER + i).append(", 10000000.00)");
        }
        sql.append(" ON DUPLICATE KEY UPDATE balance = 10000000.00;\n");
        for (int i = 0; i < PRODUCTS; i++) {
            sql.append(i == 0 ? "INSERT INTO inventory_db.inventory (product_id, product_name, price, stock) VALUES "
                    : ",").append("(").append(FIRST_PRODUCT + i).append(", 'bench product ").append(i)
                    .append("', 1.00, 100000000)");
        }
        sql.append(" ON DUPLICATE KEY UPDATE stock = 100000000;\n");
        Process mariadb = new ProcessBuilder("mariadb", "--no-defaults", "-h127.0.0.1",
                "-P" + System.getenv().getOrDefault("SHOP_MYSQL_PORT", "3307"), "-uroot")
                .redirectErrorStream(true).start();
        mariadb.getOutputStream().write(sql.toString().getBytes());
        mariadb.getOutputStream().close();
        String output = new String(mariadb.getInputStream().readAllBytes());
        if (mariadb.waitFor() != 0) {
            throw new IllegalStateException("preparing bench users/products failed: "
                    + output.lines().filter(l -> l.startsWith("ERROR")).findFirst().orElse(output));
        }
    }

    static Map<String, String> options(String[] args) {
        Map<String, String> options = new TreeMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        return options;
    }
}
