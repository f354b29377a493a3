package org.shopsuite.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessCpuTest {

    @TempDir
    Path runDir;

    @Test
    void countsTheCpuOfTheProcessesNamedByPidFilesUnderTheirGroup() throws IOException {
        long self = ProcessHandle.current().pid();
        // this JVM stands in for an order-service instance: its CPU must land in that group
        Files.writeString(runDir.resolve("order-service-1.pid"), self + " 1700000000000\n");
        // a part whose process is gone counts nothing, rather than a guess
        Files.writeString(runDir.resolve("seata.pid"), "999999999 1700000000000\n");

        ProcessCpu cpu = ProcessCpu.start(runDir);
        burn(300);
        Map<String, Double> seconds = cpu.stop();

        assertThat(seconds.get("order x2")).isGreaterThanOrEqualTo(0.2);
        assertThat(seconds.get(ProcessCpu.GENERATOR)).isGreaterThanOrEqualTo(0.2);
        assertThat(seconds).doesNotContainKey("Seata TC");
    }

    @Test
    void withoutPidFilesOnlyTheGeneratorIsCounted() {
        Map<String, Double> seconds = ProcessCpu.start(runDir.resolve("missing")).stop();

        assertThat(seconds).containsOnlyKeys(ProcessCpu.GENERATOR);
    }

    @Test
    void groupsAreListedInReportOrderWithTheGeneratorLast() {
        assertThat(ProcessCpu.groupNames()).startsWith("order x2", "account", "inventory")
                .endsWith(ProcessCpu.GENERATOR).doesNotHaveDuplicates();
    }

    /** Spins for about {@code millis} of CPU time on this thread. */
    private static void burn(long millis) {
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long until = threads.getCurrentThreadCpuTime() + millis * 1_000_000;
        long x = 0;
        while (threads.getCurrentThreadCpuTime() < until) {
            x += System.nanoTime() % 7;
        }
        assertThat(x).isNotNegative();
    }
}
