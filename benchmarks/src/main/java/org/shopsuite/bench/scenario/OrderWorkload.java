package org.shopsuite.bench.scenario;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.shopsuite.bench.http.HttpConnection;
import org.shopsuite.bench.load.Outcome;
import org.shopsuite.bench.load.Workload;
import org.shopsuite.bench.setup.BenchTokens;

/**
 * Clients placing orders back to back: {@code POST /api/orders}, quantity 1, in XA or TCC on the order-service
 * instances (client i keeps a connection to instance i mod n), or on the baseline-service. Each client orders for
 * its own 8 users in turn, so the per-user lock never refuses and what is measured is the transaction. Each order
 * carries its user's bearer token, which order-service checks (the baseline-service checks none).
 */
public final class OrderWorkload implements Workload {

    public static final long FIRST_USER = 900_000;
    public static final int USERS_PER_CLIENT = 8;
    public static final long FIRST_PRODUCT = 900_000;
    public static final int SPREAD_PRODUCTS = 1_000;
    /** The one product every client buys in the hot shape. */
    public static final long HOT_PRODUCT = FIRST_PRODUCT;

    /** XA and TCC are the suite's modes; BASELINE is one local transaction on one database (baseline-service). */
    public enum Mode { BASELINE, XA, TCC }

    /** Spread: many users, many products. Hot: many users, one product (its stock row is the contended lock). */
    public enum Shape { SPREAD, HOT }

    private final List<URI> servers;
    private final Shape shape;
    private final Mode mode;
    private final BenchTokens tokens;

    /** Orders of one mode; {@code servers} are the order-service instances, or the baseline for BASELINE. */
    public OrderWorkload(List<URI> servers, Mode mode, Shape shape, BenchTokens tokens) {
        this.servers = servers;
        this.mode = mode;
        this.shape = shape;
        this.tokens = tokens;
    }

    @Override
    public Client client(int index, int clients) {
        HttpConnection http = new HttpConnection(servers.get(index % servers.size()));
        long firstUser = FIRST_USER + (long) index * USERS_PER_CLIENT;
        String modeField = mode == Mode.BASELINE ? "" : ",\"mode\":\"" + mode + "\"";
        return new Client() {
            private long count;

            @Override
            public Outcome call() throws IOException {
                long user = firstUser + count++ % USERS_PER_CLIENT;
                long product = shape == Shape.HOT ? HOT_PRODUCT
                        : FIRST_PRODUCT + ThreadLocalRandom.current().nextInt(SPREAD_PRODUCTS);
                String body = "{\"userId\":" + user + ",\"productId\":" + product + ",\"quantity\":1" + modeField + "}";
                return Outcome.of(http.postJson("/api/orders", body, tokens.bearer(user)).status(), 201);
            }

            @Override
            public void close() {
                http.close();
            }
        };
    }

    /**
     * Half the clients in XA, half in TCC (clients 0, 1 XA; 2, 3 TCC; ...), each mode on every instance: a
     * background load.
     */
    public static Workload mixed(List<URI> orderServices, Shape shape, BenchTokens tokens) {
        OrderWorkload xa = new OrderWorkload(orderServices, Mode.XA, shape, tokens);
        OrderWorkload tcc = new OrderWorkload(orderServices, Mode.TCC, shape, tokens);
        return (index, clients) -> ((index / 2) % 2 == 0 ? xa : tcc).client(index, clients);
    }

    /** The users all clients of a run at {@code maxClients} use. */
    public static int users(int maxClients) {
        return maxClients * USERS_PER_CLIENT;
    }
}
