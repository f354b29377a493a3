package org.shopsuite.bench.scenario;

import java.io.IOException;
import java.net.URI;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.shopsuite.bench.BenchOptions;
import org.shopsuite.bench.Progress;
import org.shopsuite.bench.http.HttpConnection;
import org.shopsuite.bench.load.LoadRunner;
import org.shopsuite.bench.load.RunResult;
import org.shopsuite.bench.load.Workload;
import org.shopsuite.bench.report.Measurement;
import org.shopsuite.bench.setup.BenchData;
import org.shopsuite.bench.setup.RedisAccess;

/**
 * Reads at the gateways, per level, beside the gateway's constant-JSON endpoint (its ceiling: routing and HTTP, no
 * cache at all):
 * <ul>
 *   <li>L1: 16 hot products read at random; each gateway's L1 keeps them (an entry is re-read from L2 once per L1 TTL).
 *   <li>L2: 30,000 products in L2 read in turn, so a product comes back only after 30,000 other reads: later than the
 *       gateway's L1 TTL (800 ms, {@code shop.cache.l1.ttl}) unless the gateways serve more than ~37,000 reads/s.
 *   <li>MISS: 40,000 products whose L2 entries are deleted (on the Redis master, through the sentinels) before each
 *       repetition, then read once each, after L1 had time to expire: every read goes to inventory-service.
 * </ul>
 * Each answer is counted by its {@code X-Cache}; the report gives the share that came from the intended level.
 */
public final class CachedReadBenchmark {

    public enum Variant { CONSTANT, L1, L2, MISS }

    public static final String GROUP = "reads";
    public static final String CONSTANT_PATH = "/bench/constant";
    static final long L1_FIRST = 2_000_000;
    static final int L1_KEYS = 16;
    static final long L2_FIRST = 2_100_000;
    static final int L2_KEYS = 30_000;
    static final long MISS_FIRST = 2_200_000;
    static final int MISS_KEYS = 40_000;
    /** Longer than the gateway's L1 TTL (800 ms): after it, no gateway holds a product read before in its L1. */
    static final long L1_EXPIRY_MS = 1_200;

    private final List<URI> gateways;
    private final BenchOptions options;
    private final Progress progress;
    private final RedisAccess redis;
    private final AtomicLong l2Cursor = new AtomicLong();
    private final AtomicLong missCursor = new AtomicLong();

    public CachedReadBenchmark(List<URI> gateways, BenchOptions options, Progress progress, RedisAccess redis) {
        this.gateways = gateways;
        this.options = options;
        this.progress = progress;
        this.redis = redis;
    }

    /** The products read here, in inventory_db (inserted once; canal-sync puts new rows into L2). */
    public static void prepare(BenchData data) throws SQLException {
        data.insertReadProducts(L1_FIRST, L1_KEYS);
        data.insertReadProducts(L2_FIRST, L2_KEYS);
        data.insertReadProducts(MISS_FIRST, MISS_KEYS);
    }

    /** Whether every gateway serves the constant endpoint (the lead adds it; until then the ceiling is left out). */
    /** Product reads for a pre-warm: the order benchmark's products, which always exist, so all levels get hit. */
    public static Workload warmupReads(List<URI> gateways) {
        return new CachedReadWorkload(gateways, CachedReadWorkload.productsInTurn(OrderWorkload.FIRST_PRODUCT,
                OrderWorkload.SPREAD_PRODUCTS, new AtomicLong()));
    }

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

    public List<Measurement> run(boolean withConstant) throws InterruptedException {
        List<Variant> variants = new ArrayList<>(List.of(Variant.values()));
        if (!withConstant) {
            variants.remove(Variant.CONSTANT);
        }
        progress.plan(1 + variants.size() * (1 + options.readClients().size() * options.repetitions()));

        // Every L2 product into L2 (a MISS fills it) before L2 reads are measured. Entries left by an earlier run are
        // dropped first: their TTL (30 min +-10 %) could run out during this run's L2 reads and turn them into MISSes.
        redis.deleteProductKeys(L2_FIRST, L2_KEYS);
        AtomicLong filled = new AtomicLong();
        RunResult fill = LoadRunner.runWhile(new CachedReadWorkload(gateways,
                CachedReadWorkload.productsInTurn(L2_FIRST, L2_KEYS, filled)), 16, () -> filled.get() < L2_KEYS);
        progress.step(String.format("reads: %d L2 products read once to fill L2 afresh (%.0f%% were MISS)", fill.calls(),
                fill.share("200 MISS") * 100));

        int warmClients = Math.min(16, options.readClients().stream().max(Integer::compare).orElse(16));
        for (Variant variant : variants) {
            RunResult warm = LoadRunner.run(workload(variant), warmClients, options.warmup());
            progress.step(String.format("reads %-8s warm-up %d clients: %s", variant, warmClients,
                    Describe.run(warm, "reads/s")));
        }
        List<Measurement> measurements = new ArrayList<>();
        for (int clients : options.readClients()) {
            Map<Variant, List<RunResult>> runs = new EnumMap<>(Variant.class);
            for (int rep = 1; rep <= options.repetitions(); rep++) {
                for (Variant variant : variants) {
                    RunResult result = LoadRunner.run(workload(variant), clients, options.readRun());
                    runs.computeIfAbsent(variant, v -> new ArrayList<>()).add(result);
                    progress.step(String.format("reads %-8s %2d clients rep %d/%d: %s  [%s]", variant, clients, rep,
                            options.repetitions(), Describe.run(result, "reads/s"), levels(result)));
                }
            }
            runs.forEach((variant, results) -> measurements.add(new Measurement(GROUP, variant.name(), clients, results)));
        }
        return measurements;
    }

    private CachedReadWorkload workload(Variant variant) throws InterruptedException {
        return new CachedReadWorkload(gateways, switch (variant) {
            case CONSTANT -> CachedReadWorkload.constant(CONSTANT_PATH);
            case L1 -> CachedReadWorkload.hotProducts(L1_FIRST, L1_KEYS);
            case L2 -> CachedReadWorkload.productsInTurn(L2_FIRST, L2_KEYS, l2Cursor);
            case MISS -> {
                redis.deleteProductKeys(MISS_FIRST, MISS_KEYS);
                missCursor.set(0);
                Thread.sleep(L1_EXPIRY_MS);
                yield CachedReadWorkload.productsInTurn(MISS_FIRST, MISS_KEYS, missCursor);
            }
        });
    }

    private static String levels(RunResult result) {
        StringBuilder levels = new StringBuilder();
        result.outcomes().forEach((label, n) -> levels.append(levels.isEmpty() ? "" : " ").append(label.replace(' ', ':'))
                .append('=').append(n));
        return levels.toString();
    }
}
