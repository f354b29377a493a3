package org.shopsuite.gateway.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class RedisCircuitBreakerTest {

    final AtomicLong nanos = new AtomicLong();
    final RedisCircuitBreaker breaker = new RedisCircuitBreaker(Duration.ofSeconds(1), nanos::get);
    final AtomicInteger calls = new AtomicInteger();

    final Supplier<String> answering = () -> {
        calls.incrementAndGet();
        return "PONG";
    };
    final Supplier<String> failing = () -> {
        calls.incrementAndGet();
        throw new IllegalStateException("connection refused");
    };

    @Test
    void whileClosedEveryCallGoesThrough() {
        assertThat(breaker.call("ping", answering)).contains("PONG");
        assertThat(breaker.call("ping", answering)).contains("PONG");
        assertThat(calls).hasValue(2);
        assertThat(breaker.isOpen()).isFalse();
    }

    @Test
    void aFailureOpensItAndCallsAreSkippedForTheOpenPeriod() {
        assertThat(breaker.call("ping", failing)).isEmpty();
        assertThat(breaker.isOpen()).isTrue();

        nanos.addAndGet(Duration.ofMillis(999).toNanos());
        assertThat(breaker.call("ping", answering)).isEmpty();
        assertThat(calls).hasValue(1);
    }

    @Test
    void afterTheOpenPeriodOneCallTriesAgainAndItsSuccessCloses() {
        breaker.call("ping", failing);
        nanos.addAndGet(Duration.ofSeconds(1).toNanos());

        assertThat(breaker.call("ping", answering)).contains("PONG");
        assertThat(breaker.isOpen()).isFalse();
        assertThat(breaker.call("ping", answering)).contains("PONG");
    }

    @Test
    void aFailedTrialOpensItForAnotherPeriod() {
        breaker.call("ping", failing);
        nanos.addAndGet(Duration.ofSeconds(1).toNanos());

        assertThat(breaker.call("ping", failing)).isEmpty();
        nanos.addAndGet(Duration.ofMillis(999).toNanos());
        assertThat(breaker.call("ping", answering)).isEmpty();
        nanos.addAndGet(Duration.ofMillis(1).toNanos());
        assertThat(breaker.call("ping", answering)).contains("PONG");
        assertThat(calls).hasValue(3);
    }

    @Test
    void onlyOneCallTriesWhileTheTrialRuns() {
        breaker.call("ping", failing);
        nanos.addAndGet(Duration.ofSeconds(1).toNanos());

        // The trial is still running (it calls the breaker again from inside, as a concurrent reader would).
        AtomicReference<Optional<String>> duringTrial = new AtomicReference<>();
        assertThat(breaker.call("ping", () -> {
            duringTrial.set(breaker.call("ping", answering));
            return "PONG";
        })).contains("PONG");
        assertThat(duringTrial.get()).isEmpty();
    }
}
