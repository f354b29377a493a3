package org.shopsuite.bench.report;

/**
 * Commit-to-visible lag on one gateway: the time from a committed UPDATE until that gateway first answers with the
 * new value, in ms. {@code unseen}: samples where it did not within the timeout (left out of the percentiles).
 * {@code pollMs}: the mean interval between polls, the resolution of the figures.
 */
public record FreshnessResult(String condition, String gateway, int samples, double p50, double p99, double max,
                              int unseen, double pollMs) {
}
