package org.shopsuite.api.security.tokens;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the gateway and every service keep the issuer's public keys ({@code shop.auth.jwks.*}; defaults and the
 * {@code SHOP_AUTH_JWKS_*} variables in {@code shop-resource-server-defaults.properties}).
 *
 * @param connectTimeout   how long a fetch of the key set may take to connect
 * @param readTimeout      how long a fetch may wait for the issuer's answer
 * @param refreshInterval  how often the held keys are fetched again, in the background (a key the issuer added or
 *                         withdrew is seen within this time)
 * @param outageTolerance  how long keys keep verifying tokens after the last fetch that succeeded, while the issuer
 *                         is down or hung
 * @param fetchLimitWindow at most two fetches per window: a flood of tokens naming an unknown key id costs the issuer
 *                         two requests, not one per token
 */
@ConfigurationProperties("shop.auth.jwks")
public record IssuerKeySettings(Duration connectTimeout, Duration readTimeout, Duration refreshInterval,
                                Duration outageTolerance, Duration fetchLimitWindow) {

    public IssuerKeySettings {
        require(connectTimeout, "connect-timeout");
        require(readTimeout, "read-timeout");
        require(refreshInterval, "refresh-interval");
        require(outageTolerance, "outage-tolerance");
        require(fetchLimitWindow, "fetch-limit-window");
        if (outageTolerance.compareTo(refreshInterval.plus(fetchWait(connectTimeout, readTimeout))) <= 0
                || outageTolerance.compareTo(fetchLimitWindow) <= 0) {
            throw new IllegalArgumentException("shop.auth.jwks.outage-tolerance (" + outageTolerance + ") must be longer"
                    + " than refresh-interval + connect-timeout + read-timeout (" + refreshInterval.plus(
                    fetchWait(connectTimeout, readTimeout)) + ") and than fetch-limit-window (" + fetchLimitWindow
                    + ")");
        }
    }

    /** The longest one fetch can hold the key set's lock: what a request queued behind it may wait, at most. */
    public Duration fetchWait() {
        return fetchWait(connectTimeout, readTimeout);
    }

    private static Duration fetchWait(Duration connect, Duration read) {
        return connect.plus(read);
    }

    private static void require(Duration value, String name) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("shop.auth.jwks." + name + " must be a positive duration, was " + value);
        }
    }
}
