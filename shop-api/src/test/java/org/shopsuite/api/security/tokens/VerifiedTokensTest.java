package org.shopsuite.api.security.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.source.JWKSetUnavailableException;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * The verified-token cache: a token is checked once and remembered until its {@code exp}, never longer and never more
 * than the configured number; refused tokens are not remembered; a token whose key cannot be had is a bad token.
 */
class VerifiedTokensTest {

    private final Time time = new Time();
    /** What the verifier (signature, expiry, issuer, audience) would say of each token, and how often it was asked. */
    private final Map<String, Jwt> valid = new HashMap<>();
    private final Map<String, Integer> checks = new HashMap<>();
    private final JwtDecoder verifier = token -> {
        checks.merge(token, 1, Integer::sum);
        Jwt jwt = valid.get(token);
        if (jwt == null || (jwt.getExpiresAt() != null && !time.instant().isBefore(jwt.getExpiresAt()))) {
            throw new BadJwtException("refused: " + token);
        }
        return jwt;
    };

    @Test
    void aVerifiedTokenIsCheckedOnceAndRememberedUntilItsExpiry() {
        VerifiedTokens tokens = new VerifiedTokens(verifier, 100, time, time::nanos, Runnable::run);
        Jwt jwt = token("t1", "key-1", Duration.ofMinutes(10));

        for (int i = 0; i < 5; i++) {
            assertThat(tokens.decode("t1")).isSameAs(jwt);
        }
        time.advance(Duration.ofMinutes(9).plusSeconds(59));
        assertThat(tokens.decode("t1")).isSameAs(jwt);
        assertThat(checks.get("t1")).isEqualTo(1);

        time.advance(Duration.ofSeconds(1)); // exp: forgotten, so the verifier decides again (and refuses)
        assertThatThrownBy(() -> tokens.decode("t1")).isInstanceOf(BadJwtException.class);
        assertThat(checks.get("t1")).isEqualTo(2);
    }

    @Test
    void atMostMaxSizeTokensAreRemembered() {
        VerifiedTokens tokens = new VerifiedTokens(verifier, 3, time, time::nanos, Runnable::run);
        for (int i = 0; i < 50; i++) {
            token("t" + i, "key-1", Duration.ofHours(1));
            tokens.decode("t" + i);
        }

        assertThat(tokens.size()).isLessThanOrEqualTo(3);
        // every token was still checked when it came, and is still taken after it left the cache
        assertThat(tokens.decode("t0")).isSameAs(valid.get("t0"));
        assertThat(checks.get("t0")).isEqualTo(2);
    }

    @Test
    void aRefusedTokenIsNotRememberedAndIsCheckedEveryTime() {
        VerifiedTokens tokens = new VerifiedTokens(verifier, 100, time, time::nanos, Runnable::run);

        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> tokens.decode("forged")).isInstanceOf(BadJwtException.class);
        }
        assertThat(checks.get("forged")).isEqualTo(3);
        assertThat(tokens.size()).isZero();
    }

    @Test
    void aTokenWithoutExpiryIsNotRemembered() {
        VerifiedTokens tokens = new VerifiedTokens(verifier, 100, time, time::nanos, Runnable::run);
        valid.put("forever", Jwt.withTokenValue("forever").header("alg", "RS256").header("kid", "key-1")
                .subject("1").build());

        tokens.decode("forever");
        tokens.decode("forever");

        assertThat(checks.get("forever")).isEqualTo(2);
    }

    @Test
    void tokensSignedByAKeyTheIssuerWithdrewAreForgotten() {
        VerifiedTokens tokens = new VerifiedTokens(verifier, 100, time, time::nanos, Runnable::run);
        token("old", "key-1", Duration.ofHours(1));
        token("new", "key-2", Duration.ofHours(1));
        tokens.decode("old");
        tokens.decode("new");

        tokens.forgetTokensNotSignedBy(Set.of("key-2"));
        tokens.decode("old");
        tokens.decode("new");

        assertThat(checks.get("old")).isEqualTo(2);
        assertThat(checks.get("new")).isEqualTo(1);
    }

    @Test
    void aTokenWhoseKeyCannotBeFetchedIsABadTokenNotAServerError() {
        JwtDecoder issuerDown = token -> {
            throw new JwtException("An error occurred while attempting to decode the Jwt",
                    new JWKSetUnavailableException("Couldn't retrieve JWK set from URL", null));
        };
        JwtDecoder rateLimited = token -> {
            throw new JwtException("An error occurred while attempting to decode the Jwt",
                    new RateLimitReachedException());
        };

        assertThatThrownBy(() -> new VerifiedTokens(issuerDown, 10, time, time::nanos, Runnable::run).decode("t"))
                .isInstanceOf(BadJwtException.class).hasMessageContaining("cannot be fetched right now")
                .hasMessageNotContaining("Couldn't retrieve JWK set").hasRootCauseInstanceOf(
                        JWKSetUnavailableException.class);
        assertThatThrownBy(() -> new VerifiedTokens(rateLimited, 10, time, time::nanos, Runnable::run).decode("t"))
                .isInstanceOf(BadJwtException.class).hasMessageContaining("rate-limited");
    }

    @Test
    void anotherDecodingFailureIsPassedOnAsItIs() {
        JwtException broken = new JwtException("something else");
        JwtDecoder failing = token -> {
            throw broken;
        };

        assertThatThrownBy(() -> new VerifiedTokens(failing, 10, time, time::nanos, Runnable::run).decode("t"))
                .isSameAs(broken);
    }

    private Jwt token(String value, String keyId, Duration ttl) {
        Instant now = time.instant();
        Jwt jwt = Jwt.withTokenValue(value).header("alg", "RS256").header("kid", keyId).subject("1")
                .issuedAt(now).expiresAt(now.plus(ttl)).build();
        valid.put(value, jwt);
        return jwt;
    }

    /** A wall clock and Caffeine's ticker, moved together by the test. */
    static final class Time extends Clock {
        private final AtomicLong nanos = new AtomicLong();
        private final Instant start = Instant.parse("2026-12-08T00:00:00Z");

        long nanos() {
            return nanos.get();
        }

        void advance(Duration by) {
            nanos.addAndGet(by.toNanos());
        }

        @Override
        public Instant instant() {
            return start.plusNanos(nanos.get());
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
