package org.shopsuite.order.order;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.shopsuite.api.order.OrderMode;

/** A validated order request, its mode resolved, with the fingerprint that tells a replay from a misused key. */
public record OrderRequest(long userId, long productId, int quantity, OrderMode mode, String idempotencyKey) {

    public String fingerprint() {
        String canonical = userId + "|" + productId + "|" + quantity + "|" + mode;
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
