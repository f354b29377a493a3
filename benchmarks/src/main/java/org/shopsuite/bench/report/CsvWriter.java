package org.shopsuite.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.shopsuite.bench.load.ProcessCpu;
import org.shopsuite.bench.load.RunResult;

/** Every repetition of every measurement, one line each, for whoever wants more than the tables. */
public final class CsvWriter {

    private CsvWriter() {
    }

    public static void write(BenchReport report, Path file) throws IOException {
        List<String> processes = ProcessCpu.groupNames();
        StringBuilder csv = new StringBuilder("group,variant,clients,repetition,seconds,ok,per_second,p50_ms,p99_ms,"
                + "generator_cpu,machine_cpu,outcomes");
        // CPU seconds of each process group during the run (order runs only; empty elsewhere)
        processes.forEach(g -> csv.append(",cpu_s ").append(g));
        csv.append('\n');
        for (Measurement m : report.measurements()) {
            for (int i = 0; i < m.runs().size(); i++) {
                RunResult r = m.runs().get(i);
                csv.append(String.format(Locale.ROOT, "%s,%s,%d,%d,%.3f,%d,%.1f,%.3f,%.3f,%.4f,%.4f,\"%s\"",
                        m.group(), m.variant(), m.clients(), i + 1, r.seconds(), r.ok(), r.throughput(), r.p50(),
                        r.p99(), r.generatorCpu(), r.machineCpu(), r.outcomes()));
                for (String g : processes) {
                    Double cpu = r.processCpu().get(g);
                    csv.append(',').append(cpu == null ? "" : String.format(Locale.ROOT, "%.2f", cpu));
                }
                csv.append('\n');
            }
        }
        csv.append("\ncondition,gateway,samples,p50_ms,p99_ms,max_ms,unseen,poll_ms\n");
        for (FreshnessResult f : report.freshness()) {
            csv.append(String.format(Locale.ROOT, "%s,%s,%d,%.3f,%.3f,%.3f,%d,%.3f%n", f.condition(), f.gateway(),
                    f.samples(), f.p50(), f.p99(), f.max(), f.unseen(), f.pollMs()));
        }
        Files.writeString(file, csv);
    }
}
