package org.shopsuite.bench.report;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Everything one {@code ./stack bench} measured, and how: what {@link MarkdownReport} (tables and plots) and
 * {@link CsvWriter} turn into files.
 *
 * @param settings one line on durations and repetitions
 * @param notes    what the reader must know beside the figures (skipped scenarios, errors, background loads)
 */
public record BenchReport(String command, boolean quick, Instant started, Duration took, Machine machine,
                          String settings, List<Measurement> measurements, List<FreshnessResult> freshness,
                          List<String> notes) {
}
