package org.shopsuite.auth.devtoken;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The development token endpoint, {@code POST /dev/token}: off unless the stack switches it on.
 *
 * @param enabled    {@code SHOP_AUTH_DEV_TOKEN_ENABLED}: only ./stack and the tests set it
 * @param secret     {@code SHOP_AUTH_DEV_TOKEN_SECRET}: what a caller must send in {@value DevTokenController#SECRET_HEADER};
 *                   ./stack generates it under its secrets directory
 * @param timeToLive how long the tokens it makes are valid: at least an hour
 */
@ConfigurationProperties("shop.auth.dev-token")
public record DevTokenProperties(boolean enabled, String secret, Duration timeToLive) {

    static final int MIN_SECRET_LENGTH = 32;

    public DevTokenProperties {
        if (timeToLive == null) {
            timeToLive = Duration.ofHours(1);
        }
        if (enabled && (secret == null || secret.length() < MIN_SECRET_LENGTH)) {
            throw new IllegalArgumentException("shop.auth.dev-token.enabled is true but SHOP_AUTH_DEV_TOKEN_SECRET is"
                    + " missing or shorter than " + MIN_SECRET_LENGTH + " characters: ./stack makes one in"
                    + " .stack/secrets/dev-token.secret; elsewhere leave the endpoint off");
        }
        if (timeToLive.compareTo(Duration.ofHours(1)) < 0) {
            throw new IllegalArgumentException("shop.auth.dev-token.time-to-live is " + timeToLive
                    + ": the contract promises tokens valid for at least an hour");
        }
    }
}
