package org.shopsuite.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code up}'s order: what a part needs comes first, and no more JVMs start at once than there are cores. */
class StackStartTest {

    @TempDir
    Path stackDir;

    private final List<String> events = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger jvmsStarting = new AtomicInteger();
    private final AtomicInteger mostJvmsStarting = new AtomicInteger();

    @Test
    void aPartStartsOnlyOnceThePartsItNeedsAreHealthy() {
        StackSettings settings = settings();
        StandIn database = new StandIn(settings, "database", false, 300);
        StandIn service = new StandIn(settings, "service", true, 100);
        StandIn gateway = new StandIn(settings, "gateway", true, 100);
        Map<Part, List<Part>> needs = new LinkedHashMap<>();
        needs.put(gateway, List.of(service));
        needs.put(service, List.of(database));
        needs.put(database, List.of());

        new Stack(settings, needs).up(quiet());

        assertThat(events).containsExactly("start database", "healthy database", "start service", "healthy service",
                "start gateway", "healthy gateway");
    }

    @Test
    void noMoreJvmsStartAtOnceThanThereAreCores() {
        StackSettings settings = settings();
        Map<Part, List<Part>> needs = new LinkedHashMap<>();
        int jvms = Runtime.getRuntime().availableProcessors() + 3;
        for (int i = 0; i < jvms; i++) {
            needs.put(new StandIn(settings, "jvm-" + i, true, 200), List.of());
        }
        needs.put(new StandIn(settings, "redis", false, 50), List.of());

        new Stack(settings, needs).up(quiet());

        assertThat(events).contains("healthy jvm-" + (jvms - 1), "healthy redis");
        assertThat(mostJvmsStarting.get()).isEqualTo(Runtime.getRuntime().availableProcessors());
    }

    @Test
    void aPartWhoseProcessExitsDuringItsStartFailsTheUpByName() {
        StackSettings settings = settings();
        StandIn crashing = new StandIn(settings, "crashing", true, Long.MAX_VALUE);
        crashing.exitsAfterStart = true;
        StandIn dependent = new StandIn(settings, "dependent", true, 100);
        Map<Part, List<Part>> needs = new LinkedHashMap<>();
        needs.put(crashing, List.of());
        needs.put(dependent, List.of(crashing));

        assertThatThrownBy(() -> new Stack(settings, needs).up(quiet()))
                .isInstanceOf(Stack.StartFailure.class)
                .hasMessageStartingWith("crashing (port " + crashing.port() + ") did not start: the process exited");
        assertThat(events).doesNotContain("start dependent");
    }

    private StackSettings settings() {
        return StackSettings.onFreePorts(Path.of("."), stackDir);
    }

    private static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream());
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A part without a process: healthy a while after its start, and telling the test when things happen. */
    private final class StandIn extends Part {
        private final boolean jvm;
        private final long healthyAfterMillis;
        private volatile long startedAt;
        private volatile boolean healthyNoted;
        boolean exitsAfterStart;

        StandIn(StackSettings settings, String name, boolean jvm, long healthyAfterMillis) {
            super(settings, name, freePort());
            this.jvm = jvm;
            this.healthyAfterMillis = healthyAfterMillis;
        }

        @Override
        public void start() {
            events.add("start " + name());
            if (jvm) {
                mostJvmsStarting.accumulateAndGet(jvmsStarting.incrementAndGet(), Math::max);
            }
            startedAt = System.currentTimeMillis();
        }

        @Override
        public Optional<ProcessHandle> running() {
            return startedAt == 0 || exitsAfterStart ? Optional.empty() : Optional.of(ProcessHandle.current());
        }

        @Override
        public boolean healthy() {
            boolean healthy = startedAt != 0 && System.currentTimeMillis() - startedAt >= healthyAfterMillis;
            if (healthy && !healthyNoted) {
                healthyNoted = true;
                events.add("healthy " + name());
                if (jvm) {
                    jvmsStarting.decrementAndGet();
                }
            }
            return healthy;
        }

        @Override
        public boolean startsAJvm() {
            return jvm;
        }

        @Override
        protected List<String> command() {
            return List.of();
        }
    }
}
