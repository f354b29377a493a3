package org.shopsuite.bench.load;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * CPU time spent by each process of the stack during a run, from {@code /proc/<pid>/stat} (user + system time of the
 * whole process, all threads), grouped into the parts a reader knows: which process an order's CPU goes to. On a
 * machine where every process shares two cores, that split is what says where a cut can come from.
 *
 * <p>The stack's processes are found by the pid files {@code ./stack} keeps ({@code .stack/run/<part>.pid}); the
 * generator is this JVM. Where {@code /proc} is missing, a snapshot is empty and so is the split.
 */
public final class ProcessCpu {

    /** Linux reports process times in USER_HZ ticks, 100 per second on every architecture Java runs on here. */
    private static final double TICKS_PER_SECOND = 100.0;
    /** Part name prefixes and their group, in the order the report shows them. */
    private static final Map<String, String> GROUPS = new LinkedHashMap<>();

    static {
        GROUPS.put("order-service", "order x2");
        GROUPS.put("account-service", "account");
        GROUPS.put("inventory-service", "inventory");
        GROUPS.put("seata", "Seata TC");
        GROUPS.put("mysql", "MariaDB");
        GROUPS.put("redis", "Redis");
        GROUPS.put("sentinel", "Redis");
        GROUPS.put("canal", "Canal"); // the Canal server and canal-sync
        GROUPS.put("cache-gateway", "gateways");
        GROUPS.put("baseline-service", "baseline");
    }

    public static final String GENERATOR = "generator";

    private final Path runDir;
    private final Map<String, Long> start;

    private ProcessCpu(Path runDir) {
        this.runDir = runDir;
        this.start = ticksByGroup(runDir);
    }

    /** Starts counting for the stack whose pid files are in {@code runDir}. */
    public static ProcessCpu start(Path runDir) {
        return new ProcessCpu(runDir);
    }

    /** Group names in report order, the generator last. */
    public static List<String> groupNames() {
        List<String> names = new ArrayList<>(GROUPS.values().stream().distinct().toList());
        names.add(GENERATOR);
        return names;
    }

    /**
     * CPU seconds per group since {@link #start}. A group whose processes could not be read at both ends (one started
     * or stopped in between) is left out rather than guessed.
     */
    public Map<String, Double> stop() {
        Map<String, Long> end = ticksByGroup(runDir);
        Map<String, Double> seconds = new LinkedHashMap<>();
        for (String group : groupNames()) {
            Long before = start.get(group);
            Long after = end.get(group);
            if (before != null && after != null && after >= before) {
                seconds.put(group, (after - before) / TICKS_PER_SECOND);
            }
        }
        return seconds;
    }

    private static Map<String, Long> ticksByGroup(Path runDir) {
        Map<String, Long> ticks = new TreeMap<>();
        cpuTicks(ProcessHandle.current().pid()).ifPresent(t -> ticks.put(GENERATOR, t));
        if (!Files.isDirectory(runDir)) {
            return ticks;
        }
        try (DirectoryStream<Path> pidFiles = Files.newDirectoryStream(runDir, "*.pid")) {
            for (Path pidFile : pidFiles) {
                String part = pidFile.getFileName().toString();
                GROUPS.entrySet().stream().filter(g -> part.startsWith(g.getKey())).findFirst().ifPresent(group -> {
                    try {
                        long pid = Long.parseLong(Files.readString(pidFile).trim().split("\\s+")[0]);
                        cpuTicks(pid).ifPresent(t -> ticks.merge(group.getValue(), t, Long::sum));
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
            }
        } catch (IOException | RuntimeException e) {
            return Map.of(); // no split rather than a wrong one
        }
        return ticks;
    }

    /** utime + stime (fields 14 and 15 of /proc/pid/stat; the command name before them may contain spaces). */
    private static OptionalLong cpuTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" "); // fields[0] is field 3 (state)
            return OptionalLong.of(Long.parseLong(fields[11]) + Long.parseLong(fields[12]));
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    /** Cores of this machine, to turn a machine busy share into CPU seconds. */
    public static int cores() {
        return Runtime.getRuntime().availableProcessors();
    }
}
