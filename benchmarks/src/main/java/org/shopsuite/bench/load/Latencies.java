package org.shopsuite.bench.load;

import java.util.Arrays;

/** Latencies in nanoseconds, appended by one client thread; merged and sorted once the run is over. */
final class Latencies {

    private long[] values = new long[4096];
    private int size;

    void add(long nanos) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = nanos;
    }

    int size() {
        return size;
    }

    static long[] mergeSorted(Iterable<Latencies> all) {
        int total = 0;
        for (Latencies l : all) {
            total += l.size;
        }
        long[] merged = new long[total];
        int at = 0;
        for (Latencies l : all) {
            System.arraycopy(l.values, 0, merged, at, l.size);
            at += l.size;
        }
        Arrays.sort(merged);
        return merged;
    }

    /** Nearest-rank percentile of sorted values, in milliseconds (NaN when there are none). */
    static double percentileMillis(long[] sorted, double percentile) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(percentile / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(rank - 1, sorted.length - 1))] / 1e6;
    }
}
