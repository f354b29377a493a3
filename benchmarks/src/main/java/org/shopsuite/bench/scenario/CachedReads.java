package org.shopsuite.bench.scenario;

import java.io.IOException;
import java.net.URI;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.shopsuite.bench.run.BenchOptions;
import org.shopsuite.bench.run.Progress;
import org.shopsuite.bench.http.HttpConnection;
import org.shopsuite.bench.http.HttpResponse;
import org.shopsuite.bench.load.LoadRunner;
import org.shopsuite.bench.load.Outcome;
import org.shopsuite.bench.load.RunResult;
import org.shopsuite.bench.load.Workload;
import org.shopsuite.bench.report.Measurement;
import org.shopsuite.bench.setup.BenchData;
import org.shopsuite.bench.setup.BenchTokens;
import org.shopsuite.bench.setup.RedisAccess;

/**
 * Reads at the gateways (client i on gateway i mod n), per level, beside the gateway's constant endpoint (its
 * ceiling: routing and HTTP, no cache at all):
 * <ul>
 *   <li>L1-TOKEN: a balance from L1 with its owner's bearer token ({@code GET /api/accounts/{id}}, client i reads user
 *       i mod 16's): next to CONSTANT it shows what checking a token (signature, expiry, issuer, audience, owner) costs.
 *       Products are public, so the L1 product reads below carry none.
 *   <li>L1: 16 hot products read at random; each gateway's L1 keeps them (an entry is re-read from L2 once per L1 TTL).
 *   <li>L2: 30,000 products in L2 read in turn, so a product comes back only after 30,000 other reads: later than the
 *       gateway's L1 TTL (800 ms, {@code shop.cache.l1.ttl}) unless the gateways serve more than ~37,000 reads/s.
 *   <li>MISS: 40,000 products whose L2 entries are deleted (on the Redis master, through the sentinels) before each
 *       run, then read once each, after L1 had time to expire: every read goes to inventory-service.
 * </ul>
 * Each answer is counted by status and {@code X-Cache} ({@code "200 L1"}): the report gives the share that came
 * from the intended level.
 */
public record CachedReads(List<URI> gateways, BenchOptions options, Progress progress, RedisAccess redis,
                          BenchTokens tokens) {

    public static final String GROUP = "reads";
    public static final String CONSTANT_PATH = "/bench/constant";
    /** The users whose balances L1-TOKEN reads: the order benchmark's first ones, which always exist. */
    static final int TOKEN_USERS = 16;
    static final long L1_FIRST = 2_000_000;
    static final int L1_KEYS = 16;
    static final long L2_FIRST = 2_100_000;
    static final int L2_KEYS = 30_000;
    static final long MISS_FIRST = 2_200_000;
    static final int MISS_KEYS = 40_000;
    /** Longer than the gateway's L1 TTL (800 ms): after it, no gateway holds a product read before in its L1. */
    static final long L1_EXPIRY_MS = 1_200;

    /** The products read here, in inventory_db (inserted once; canal-sync puts new rows into L2). */
    public static void prepare(BenchData data) throws SQLException {
        data.insertReadProducts(L1_FIRST, L1_KEYS);
        data.insertReadProducts(L2_FIRST, L2_KEYS);
        data.insertReadProducts(MISS_FIRST, MISS_KEYS);
    }

    /** Whether every gateway serves the constant endpoint (only with {@code SHOP_BENCH_ENABLED=true}). */
    public static boolean constantEndpointServed(List<URI> gateways) {
        for (URI gateway : gateways) {
            try (HttpConnection http = new HttpConnection(gateway)) {
                if (http.get(CONSTANT_PATH).status() != 200) {
                    return false;
                }
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }

    /** Product reads for a pre-warm: the order benchmark's products, which always exist, so all levels get hit. */
    public static Workload warmupReads(List<URI> gateways) {
        return reads(gateways, inTurn(OrderWorkload.FIRST_PRODUCT, OrderWorkload.SPREAD_PRODUCTS, new AtomicLong()));
    }

    public List<Measurement> run() throws InterruptedException {
        // Every L2 product into L2 (a MISS fills it) before L2 reads are measured. Entries left by an earlier run are
        // dropped first: their TTL (30 min +-10 %) could run out during this run's L2 reads and turn them into MISSes.
        progress.plan(1);
        redis.deleteProductKeys(L2_FIRST, L2_KEYS);
        AtomicLong filled = new AtomicLong();
        RunResult fill = LoadRunner.runWhile(reads(gateways, inTurn(L2_FIRST, L2_KEYS, filled)), 16,
                () -> filled.get() < L2_KEYS);
        progress.step(String.format("reads: %d L2 products read once to fill L2 afresh (%.0f%% were MISS)",
                fill.calls(), fill.share("200 MISS") * 100));

        AtomicLong l2Cursor = new AtomicLong();
        AtomicLong missCursor = new AtomicLong();
        Map<String, Sweep.Source> variants = new LinkedHashMap<>();
        variants.put("CONSTANT", () -> reads(gateways, () -> CONSTANT_PATH));
        variants.put("L1-TOKEN", () -> balanceReads(gateways, tokens));
        variants.put("L1", () -> reads(gateways,
                () -> "/api/products/" + (L1_FIRST + ThreadLocalRandom.current().nextInt(L1_KEYS))));
        variants.put("L2", () -> reads(gateways, inTurn(L2_FIRST, L2_KEYS, l2Cursor)));
        variants.put("MISS", () -> {
            redis.deleteProductKeys(MISS_FIRST, MISS_KEYS);
            missCursor.set(0);
            Thread.sleep(L1_EXPIRY_MS);
            return reads(gateways, inTurn(MISS_FIRST, MISS_KEYS, missCursor));
        });
        return new Sweep(GROUP, "reads/s", options.readClients(), options.readRun(), options.warmup(),
                options.repetitions(), null, Duration.ZERO, CachedReads::levels).measure(variants, progress);
    }

    /** Products read in turn through a range shared by all clients, wrapping at its end. */
    private static Supplier<String> inTurn(long first, int count, AtomicLong cursor) {
        return () -> "/api/products/" + (first + cursor.getAndIncrement() % count);
    }

    private static Workload reads(List<URI> gateways, Supplier<String> paths) {
        return (index, clients) -> {
            HttpConnection http = new HttpConnection(gateways.get(index % gateways.size()));
            return new Workload.Client() {
                @Override
                public Outcome call() throws IOException {
                    HttpResponse response = http.get(paths.get());
                    return new Outcome(response.cache() == null ? String.valueOf(response.status())
                            : response.status() + " " + response.cache(), response.status() == 200);
                }

                @Override
                public void close() {
                    http.close();
                }
            };
        };
    }

    /** Client i reads the balance of user i mod 16 with that user's token, again and again: L1 after the first. */
    private static Workload balanceReads(List<URI> gateways, BenchTokens tokens) {
        return (index, clients) -> {
            HttpConnection http = new HttpConnection(gateways.get(index % gateways.size()));
            long user = OrderWorkload.FIRST_USER + index % TOKEN_USERS;
            String path = "/api/accounts/" + user;
            String bearer = tokens.bearer(user);
            return new Workload.Client() {
                @Override
                public Outcome call() throws IOException {
                    HttpResponse response = http.get(path, bearer);
                    return new Outcome(response.cache() == null ? String.valueOf(response.status())
                            : response.status() + " " + response.cache(), response.status() == 200);
                }

                @Override
                public void close() {
                    http.close();
                }
            };
        };
    }

    private static String levels(RunResult result) {
        StringBuilder levels = new StringBuilder("  [");
        result.outcomes().forEach((label, n) -> levels.append(levels.length() == 3 ? "" : " ")
                .append(label.replace(' ', ':')).append('=').append(n));
        return levels.append(']').toString();
    }
}
