package org.shopsuite.bench.run;

import java.io.PrintStream;

/** One line per finished step: how far along the whole run is, how long it took so far, a rough time left. */
public final class Progress {

    private final PrintStream out;
    private final long start = System.nanoTime();
    private int total;
    private int done;

    public Progress(PrintStream out) {
        this.out = out;
    }

    /** Adds steps to the plan (each scenario announces its own before it starts). */
    public void plan(int steps) {
        total += steps;
    }

    public void step(String what) {
        done++;
        double elapsed = (System.nanoTime() - start) / 1e9;
        double left = done == 0 ? 0 : elapsed / done * Math.max(0, total - done);
        out.printf("[%3d/%-3d %s elapsed, ~%s left] %s%n", done, total, clock(elapsed), clock(left), what);
    }

    public void note(String line) {
        out.println("  " + line);
    }

    private static String clock(double seconds) {
        long s = Math.round(seconds);
        return String.format("%d:%02d", s / 60, s % 60);
    }
}
