package org.shopsuite.gateway.cache;

import java.nio.charset.StandardCharsets;
import org.shopsuite.cache.ChangeStreamWatermark;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;

/** Hands canal-sync's watermarks ({@code shop:change-stream-watermark}) to {@link ChangeStreamVouching}. */
public final class WatermarkListener implements MessageListener {

    private static final Logger log = LoggerFactory.getLogger(WatermarkListener.class);

    private final ChangeStreamVouching vouching;

    public WatermarkListener(ChangeStreamVouching vouching) {
        this.vouching = vouching;
    }

    @Override
    public void onMessage(Message message, byte[] pattern) {
        String body = new String(message.getBody(), StandardCharsets.UTF_8);
        try {
            vouching.received(ChangeStreamWatermark.fromJson(body));
        } catch (IllegalArgumentException e) {
            // Not a watermark we understand: it vouches for nothing. A newer canal-sync than this gateway is the
            // likely cause; the caches stay unused until watermarks read again.
            log.warn("ignoring an unreadable change-stream watermark: {}", body);
        }
    }
}
