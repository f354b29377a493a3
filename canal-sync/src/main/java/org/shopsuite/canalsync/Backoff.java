package org.shopsuite.canalsync;

import java.time.Duration;

/** Exponential backoff between retries: doubles on every failure in a row, capped; back to the start on success. */
final class Backoff {

    private final Duration min;
    private final Duration max;
    private Duration next;
    private int failuresInARow;

    Backoff(Duration min, Duration max) {
        this.min = min;
        this.max = max;
        this.next = min;
    }

    /** Records a failure and returns how long to wait before the next attempt. */
    Duration failed() {
        Duration wait = next;
        failuresInARow++;
        next = next.multipliedBy(2).compareTo(max) > 0 ? max : next.multipliedBy(2);
        return wait;
    }

    void succeeded() {
        next = min;
        failuresInARow = 0;
    }

    int failuresInARow() {
        return failuresInARow;
    }
}
