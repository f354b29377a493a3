package org.shopsuite.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LoadRunnerTest {

    @Test
    void countsEveryOutcomeAndTimesOnlySuccesses() {
        AtomicInteger calls = new AtomicInteger();
        Workload workload = (index, clients) -> () -> {
            int n = calls.incrementAndGet();
            if (n % 10 == 0) {
                throw new IOException("every tenth call fails");
            }
            return n % 2 == 0 ? new Outcome("201", true) : new Outcome("409", false);
        };

        RunResult result = LoadRunner.runWhile(workload, 4, () -> calls.get() < 1000);

        assertThat(result.calls()).isEqualTo(result.outcomes().values().stream().mapToLong(Long::longValue).sum());
        assertThat(result.ok()).isEqualTo(result.outcomes().get("201"));
        assertThat(result.failed()).containsOnlyKeys("409", "io-error");
        assertThat(result.failed().get("409")).isEqualTo(result.outcomes().get("409"));
        assertThat(result.clients()).isEqualTo(4);
        assertThat(result.generatorCpu()).isBetween(0.0, 1.0);
    }

    @Test
    void aTimedRunLastsItsDuration() {
        RunResult result = LoadRunner.run((index, clients) -> () -> {
            java.util.concurrent.locks.LockSupport.parkNanos(5_000_000);
            return new Outcome("200", true);
        }, 2, Duration.ofMillis(300));

        assertThat(result.seconds()).isBetween(0.29, 1.0);
        assertThat(result.p50()).isGreaterThanOrEqualTo(4.0); // parkNanos may wake a little early
        assertThat(result.throughput()).isPositive();
    }

    @Test
    void latenciesAreRecordedInAHistogramOfSuccessesOnly() {
        AtomicInteger calls = new AtomicInteger();
        RunResult result = LoadRunner.runWhile((index, clients) -> () -> {
            int n = calls.incrementAndGet();
            long until = System.nanoTime() + (n % 2 == 0 ? 2_000_000 : 0);
            while (System.nanoTime() < until) {
                Thread.onSpinWait();
            }
            return new Outcome(n % 2 == 0 ? "200" : "503", n % 2 == 0);
        }, 1, () -> calls.get() < 200);

        assertThat(result.latencies().getTotalCount()).isEqualTo(result.ok()).isEqualTo(100);
        assertThat(result.p50()).isGreaterThanOrEqualTo(1.5); // only the 2 ms calls were timed
        assertThat(result.p99()).isGreaterThanOrEqualTo(result.p50());
        assertThat(result.failed()).containsOnlyKeys("503");
    }
}
