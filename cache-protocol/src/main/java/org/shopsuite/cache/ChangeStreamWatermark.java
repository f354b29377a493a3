package org.shopsuite.cache;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Published by canal-sync on {@link #CHANNEL} with every applied batch (behind its invalidations, on the same
 * connection, so a gateway has every invalidation a watermark covers before the watermark) and every few hundred
 * milliseconds when idle. JSON: {@code {"behindMillis":120}}.
 *
 * <p>{@code behindMillis}: how long ago canal-sync last read a binlog head it has applied in full. Every change
 * committed before {@code receivedAt - behindMillis} (on the receiver's own clock: an age needs no clock sync) is in
 * L2 and its invalidation delivered.
 */
public record ChangeStreamWatermark(@JsonProperty(value = "behindMillis", required = true) long behindMillis) {

    public static final String CHANNEL = "shop:change-stream-watermark";

    public ChangeStreamWatermark {
        if (behindMillis < 0) {
            throw new IllegalArgumentException("behindMillis is never negative: " + behindMillis);
        }
    }

    public String toJson() {
        return CacheJson.write(this);
    }

    public static ChangeStreamWatermark fromJson(String json) {
        return CacheJson.read(json, ChangeStreamWatermark.class);
    }
}
