package org.shopsuite.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shopsuite.bench.load.RunResult;

class MarkdownReportTest {

    @TempDir
    Path dir;

    @Test
    void writesTheTablesWithRatiosToTheCeilingAndEveryPlotAsPng() throws Exception {
        List<Measurement> measurements = new ArrayList<>();
        for (int clients : List.of(1, 16)) {
            measurements.add(cell("orders spread", "BASELINE", clients, 400, 5));
            measurements.add(cell("orders spread", "XA", clients, 40, 25));
            measurements.add(cell("orders spread", "TCC", clients, 20, 35));
            for (String variant : List.of("CONSTANT", "L1-TOKEN", "L1", "L2", "MISS")) {
                measurements.add(cell("reads", variant, clients, variant.equals("CONSTANT") ? 1000 : 500, 1));
            }
        }
        BenchReport report = new BenchReport("./stack bench --quick", true, Instant.parse("2026-12-01T12:00:00Z"),
                Duration.ofSeconds(65), new Machine("cpu", 2, "24 GiB", "Linux", "JDK", "MariaDB", "1 1 1"),
                "1 repetition(s)", measurements,
                List.of(new FreshnessResult("idle", "8080", 20, 15, 48, 50, 0, 0.6)), List.of("a note"));

        String md = MarkdownReport.write(report, dir);

        assertThat(md).contains("# shopsuite benchmark: QUICK run, 2026-12-01 12:00 UTC", "(took 1:05)",
                "| clients | baseline orders/s | XA orders/s | XA / baseline | TCC orders/s | TCC / baseline"
                        + " | machine busy % (baseline / XA / TCC) |",
                "| 16 | 400 (400-400) | 40.0 (40.0-40.0) | 0.10 | 20.0 (20.0-20.0) | 0.05 | 50 / 50 / 50 |",
                "| clients | constant reads/s | L1-TOKEN reads/s | L1-TOKEN / constant | L1 reads/s | L1 / constant |",
                "| idle | 8080 | 20 | 15.0 | 48.0 | 50.0 | 0 | 0.60 |", "- a note");
        assertThat(md).containsPattern("\\| 1 \\| 5\\.\\d+ / 5\\.\\d+ \\(5\\.\\d+-5\\.\\d+\\) \\| 25\\.\\d");
        for (String png : List.of("orders-throughput-spread", "orders-latency-spread", "reads-throughput",
                "reads-latency", "freshness")) {
            BufferedImage image = ImageIO.read(dir.resolve(png + ".png").toFile());
            assertThat(image.getWidth()).as(png).isEqualTo(960);
        }
        assertThat(dir.resolve("report.md")).hasContent(md);
    }

    /** One repetition: {@code perSecond} successes a second for 1 s, each taking {@code millis}. */
    private static Measurement cell(String group, String variant, int clients, int perSecond, int millis) {
        Histogram latencies = new Histogram(3);
        latencies.recordValueWithCount(millis * 1000L, perSecond);
        RunResult run = new RunResult(clients, 1.0, latencies, Map.of("201", (long) perSecond), Map.of(), 0.05, 0.5,
                Map.of());
        return new Measurement(group, variant, clients, List.of(run));
    }
}
