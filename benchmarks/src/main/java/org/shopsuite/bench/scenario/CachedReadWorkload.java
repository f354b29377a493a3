package org.shopsuite.bench.scenario;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.shopsuite.bench.http.HttpConnection;
import org.shopsuite.bench.http.HttpResponse;
import org.shopsuite.bench.load.Outcome;
import org.shopsuite.bench.load.Workload;

/**
 * GETs at the gateways (client i keeps a connection to gateway i mod n). Which level answers is chosen by which keys
 * are read, and checked: each answer is counted by status and {@code X-Cache} ({@code "200 L1"}), so the report shows
 * how many answers came from the intended level.
 */
final class CachedReadWorkload implements Workload {

    /** The paths one variant reads. */
    interface Paths {
        String next();
    }

    private final List<URI> gateways;
    private final Paths paths;

    CachedReadWorkload(List<URI> gateways, Paths paths) {
        this.gateways = gateways;
        this.paths = paths;
    }

    /** The same path every time. */
    static Paths constant(String path) {
        return () -> path;
    }

    /** A small hot set of products, read at random: they stay in every gateway's L1. */
    static Paths hotProducts(long first, int count) {
        return () -> "/api/products/" + (first + ThreadLocalRandom.current().nextInt(count));
    }

    /** Products read in turn through a range shared by all clients, wrapping at its end. */
    static Paths productsInTurn(long first, int count, AtomicLong cursor) {
        return () -> "/api/products/" + (first + cursor.getAndIncrement() % count);
    }

    @Override
    public Client client(int index, int clients) {
        HttpConnection http = new HttpConnection(gateways.get(index % gateways.size()));
        return new Client() {
            @Override
            public Outcome call() throws IOException {
                HttpResponse response = http.get(paths.next());
                String label = response.cache() == null ? String.valueOf(response.status())
                        : response.status() + " " + response.cache();
                return new Outcome(label, response.status() == 200);
            }

            @Override
            public void close() {
                http.close();
            }
        };
    }
}
