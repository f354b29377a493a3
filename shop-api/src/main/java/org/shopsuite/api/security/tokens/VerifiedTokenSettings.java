package org.shopsuite.api.security.tokens;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param maxSize how many verified tokens a process remembers at most ({@code shop.auth.verified-tokens.max-size}):
 *                about 2 KB each, so the default 10000 costs some 20 MB at most
 */
@ConfigurationProperties("shop.auth.verified-tokens")
public record VerifiedTokenSettings(long maxSize) {
}
