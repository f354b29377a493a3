package org.shopsuite.systemtest.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.shopsuite.testfixtures.SuiteHttp.Reply;
import org.shopsuite.testfixtures.TestInfrastructure;

/** Concurrency on both order-service instances: idempotency keys and the per-user lock. */
class ConcurrentOrdersIT {

    static final TestInfrastructure infra = TestInfrastructure.sharedSuite();
    static final SuiteClient client = new SuiteClient(infra);
    static final Ledger ledger = new Ledger(infra);

    @Test
    void twentyConcurrentRequestsWithOneIdempotencyKeyMakeOneOrderAndOneCharge() throws Exception {
        long user = ledger.newUser("100.00");
        long product = ledger.newProduct("3.00", 50);
        String key = "same-key-" + user;

        List<Reply> replies = all(20, i -> client.placeOrder(i, user, product, 2, "XA",
                key, Map.of()));

        assertThat(ledger.ordersWithKey(key)).isEqualTo(1);
        assertThat(ledger.balance(user)).isEqualByComparingTo("94.00");
        assertThat(ledger.stock(product)).isEqualTo(48);
        List<Long> placed = replies.stream().filter(r -> r.status() == 201)
                .map(r -> r.json().path("orderId").asLong()).distinct().toList();
        assertThat(placed).hasSize(1);
        // The others arrived while the first was in flight (its user's lock held: 409; its order PENDING: 202
        // for that same order), or replayed its response.
        assertThat(replies).allSatisfy(r -> assertThat(r.status() == 201
                || (r.status() == 202 && r.json().path("orderId").asLong() == placed.get(0))
                || (r.status() == 409 && r.problemSlug().equals("order-in-progress"))).as(r.toString()).isTrue());
        // Once it finished, the key answers with the first response.
        Reply replay = client.placeOrder(1, user, product, 2, "XA", key, Map.of());
        assertThat(replay.status()).isEqualTo(201);
        assertThat(replay.json().path("orderId").asLong()).isEqualTo(placed.get(0));
    }

    @Test
    void sixteenConcurrentRequestsOfOneUserAreNeverInFlightTogether() throws Exception {
        long user = ledger.newUser("1000.00");
        long product = ledger.newProduct("1.00", 100);

        List<Reply> replies = all(16, i -> client.placeOrder(i, user, product, 1, "TCC",
                "user-" + user + "-" + i, Map.of()));

        long placed = replies.stream().filter(r -> r.status() == 201).count();
        assertThat(placed).isGreaterThanOrEqualTo(1);
        assertThat(replies).allSatisfy(r -> assertThat(r.status() == 201
                || (r.status() == 409 && r.problemSlug().equals("order-in-progress"))).as(r.toString()).isTrue());
        // A TCC order is in flight from its try (row created) to its confirm (row updated): no two overlap.
        List<long[]> intervals = ledger.tccIntervalsMillis(user);
        assertThat(intervals).hasSize((int) placed);
        for (int i = 1; i < intervals.size(); i++) {
            assertThat(intervals.get(i)[0]).as("order %d began after order %d ended", i, i - 1)
                    .isGreaterThanOrEqualTo(intervals.get(i - 1)[1]);
        }
        assertThat(ledger.balance(user)).isEqualByComparingTo(new BigDecimal("1000.00").subtract(BigDecimal.valueOf(placed)));
    }

    interface IndexedCall {
        Reply call(int index);
    }

    /** Runs the calls at once (released together by a latch) and returns their replies. */
    static List<Reply> all(int count, IndexedCall call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(count);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Reply>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                Callable<Reply> task = () -> {
                    start.await();
                    return call.call(index);
                };
                futures.add(pool.submit(task));
            }
            start.countDown();
            List<Reply> replies = new ArrayList<>();
            for (Future<Reply> future : futures) {
                replies.add(future.get());
            }
            return replies;
        } finally {
            pool.shutdown();
        }
    }
}
