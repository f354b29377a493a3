package org.shopsuite.bench.load;

/**
 * How one call ended, as the report counts it: a label ({@code 201}, {@code 200 L1}, {@code 503}, {@code io-error})
 * and whether it is a success whose latency counts.
 */
public record Outcome(String label, boolean ok) {

    public static final Outcome IO_ERROR = new Outcome("io-error", false);

    public static Outcome of(int status, int expected) {
        return new Outcome(String.valueOf(status), status == expected);
    }
}
