package org.shopsuite.bench.load;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU spent during a run: the generator's own share (process CPU time / wall time / cores, from
 * {@code com.sun.management.OperatingSystemMXBean}) and the whole machine's busy share (from {@code /proc/stat}),
 * both in [0, 1]. A generator share well below the machine's says the generator is not what bounds the figures.
 */
public final class CpuMeter {

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private static final int CORES = Runtime.getRuntime().availableProcessors();

    private final long wallStart = System.nanoTime();
    private final long processStart = OS.getProcessCpuTime();
    private final long[] machineStart = machineTicks();

    public static CpuMeter start() {
        return new CpuMeter();
    }

    public Share stop() {
        long wall = System.nanoTime() - wallStart;
        double generator = (OS.getProcessCpuTime() - processStart) / (double) wall / CORES;
        long[] machineEnd = machineTicks();
        double machine = Double.NaN;
        if (machineStart != null && machineEnd != null && machineEnd[0] > machineStart[0]) {
            machine = 1.0 - (machineEnd[1] - machineStart[1]) / (double) (machineEnd[0] - machineStart[0]);
        }
        return new Share(generator, machine);
    }

    /** Total and idle (idle + iowait) ticks of all CPUs, or null where there is no /proc/stat. */
    private static long[] machineTicks() {
        try {
            String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < cpu.length && i <= 8; i++) { // user nice system idle iowait irq softirq steal
                total += Long.parseLong(cpu[i]);
            }
            return new long[] {total, Long.parseLong(cpu[4]) + Long.parseLong(cpu[5])};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The generator's and the machine's share of all cores during the run. */
    public record Share(double generator, double machine) {
    }
}
