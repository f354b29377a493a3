package org.shopsuite.gateway.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SingleFlightTest {

    final SingleFlight<String, String> flights = new SingleFlight<>();

    @Test
    void callersArrivingDuringALoadShareItsResult() throws Exception {
        AtomicInteger loads = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        ConcurrentLinkedQueue<String> results = new ConcurrentLinkedQueue<>();
        List<Thread> callers = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            callers.add(Thread.ofPlatform().start(() -> results.add(flights.load("k", () -> {
                loads.incrementAndGet();
                awaitQuietly(release);
                return "value";
            }))));
        }
        // All of them blocked: the first in its load, the others waiting for it.
        await().atMost(Duration.ofSeconds(10))
                .until(() -> callers.stream().allMatch(t -> t.getState() == Thread.State.WAITING));

        release.countDown();
        for (Thread caller : callers) {
            caller.join(Duration.ofSeconds(10));
        }

        assertThat(results).hasSize(50).containsOnly("value");
        assertThat(loads).hasValue(1);
    }

    @Test
    void theLoadersExceptionReachesTheCallerAndTheNextCallLoadsAgain() {
        assertThatThrownBy(() -> flights.load("k", () -> {
            throw new IllegalStateException("owner down");
        })).hasMessage("owner down");

        assertThat(flights.load("k", () -> "value")).isEqualTo("value");
    }

    @Test
    void differentKeysLoadIndependently() {
        assertThat(flights.load("a", () -> flights.load("b", () -> "b") + "a")).isEqualTo("ba");
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
