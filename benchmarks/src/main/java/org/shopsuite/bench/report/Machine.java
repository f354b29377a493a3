package org.shopsuite.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The machine the figures were measured on, as the report states it. */
public record Machine(String cpu, int cores, String memory, String os, String jdk, String database,
                      String loadAverage) {

    public static Machine describe(String database) {
        return new Machine(
                procLine("/proc/cpuinfo", "model name").orElse(System.getProperty("os.arch")),
                Runtime.getRuntime().availableProcessors(),
                procLine("/proc/meminfo", "MemTotal")
                        .map(kb -> String.format("%.0f GiB", Long.parseLong(kb.replaceAll("\\D", "")) / 1048576.0))
                        .orElse("?"),
                System.getProperty("os.name") + " " + System.getProperty("os.version"),
                System.getProperty("java.vendor") + " " + System.getProperty("java.runtime.version"),
                database,
                currentLoadAverage());
    }

    /** The 1, 5 and 15 minute load averages: what else was running shows here. */
    public static String currentLoadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    private static java.util.Optional<String> procLine(String file, String key) {
        try {
            List<String> lines = Files.readAllLines(Path.of(file));
            return lines.stream().filter(l -> l.startsWith(key)).findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).trim());
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }
}
