package org.shopsuite.api.security.tokens;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * The suite's bearer-token decoder: tokens already verified are remembered until they expire, so a signed-in request
 * costs a map look-up instead of a signature check; others go to the verifier (signature against the issuer's keys,
 * expiry, issuer, audience) and are remembered if it takes them.
 *
 * <p>What is remembered is bounded ({@code shop.auth.verified-tokens.max-size}; least used first out) and never
 * outlives the token's {@code exp}. There is no revocation of single tokens in the suite (a JWT is valid until it
 * expires, here as without this cache); when the issuer withdraws a signing key, the next key set fetched drops the
 * tokens signed with it ({@link #forgetTokensNotSignedBy}).
 *
 * <p>A token that cannot be checked because its key is not held and the issuer's key set cannot be fetched right now
 * is refused as a bad token (401 with {@code WWW-Authenticate: Bearer}), not as a server error: the client cannot be
 * served with it either way, and no request waits for the issuer.
 */
public final class VerifiedTokens implements JwtDecoder {

    private final JwtDecoder verifier;
    private final Clock clock;
    private final Cache<String, Jwt> verified;

    public VerifiedTokens(JwtDecoder verifier, long maxSize) {
        this(verifier, maxSize, Clock.systemUTC(), Ticker.systemTicker(), ForkJoinPool.commonPool());
    }

    /** With the clock and ticker a test moves, and the executor Caffeine runs its upkeep on. */
    VerifiedTokens(JwtDecoder verifier, long maxSize, Clock clock, Ticker ticker, Executor upkeep) {
        if (maxSize < 1) {
            throw new IllegalArgumentException("shop.auth.verified-tokens.max-size must be at least 1, was " + maxSize);
        }
        this.verifier = verifier;
        this.clock = clock;
        this.verified = Caffeine.newBuilder()
                .maximumSize(maxSize)
                .expireAfter(Expiry.creating((String token, Jwt jwt) -> untilExpiry(jwt)))
                .ticker(ticker)
                .executor(upkeep)
                .build();
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Jwt known = verified.getIfPresent(token);
        if (known != null) {
            return known;
        }
        Jwt jwt = verify(token);
        // Without exp a token would be remembered for ever: check it every time instead.
        if (jwt.getExpiresAt() != null && untilExpiry(jwt).isPositive()) {
            verified.put(token, jwt);
        }
        return jwt;
    }

    /** Drops remembered tokens whose key id is not among {@code keyIds} (the issuer no longer publishes it). */
    public void forgetTokensNotSignedBy(Set<String> keyIds) {
        verified.asMap().values().removeIf(jwt -> {
            Object keyId = jwt.getHeaders().get("kid");
            return keyId != null && !keyIds.contains(keyId.toString());
        });
    }

    /** How many verified tokens are remembered now (after pending upkeep). */
    public long size() {
        verified.cleanUp();
        return verified.estimatedSize();
    }

    private Jwt verify(String token) {
        try {
            return verifier.decode(token);
        } catch (BadJwtException refused) {
            throw refused;
        } catch (JwtException failed) {
            KeySourceException keys = keySourceCause(failed);
            if (keys == null) {
                throw failed;
            }
            // What failed stays out of the answer (it names the issuer's address); IssuerKeys logs it, health shows it.
            throw new BadJwtException("its signing key is not among the issuer's keys held here, and the issuer's"
                    + " key set cannot be fetched right now" + (keys instanceof RateLimitReachedException
                    ? " (fetches are rate-limited)" : ""), failed);
        }
    }

    private static KeySourceException keySourceCause(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof KeySourceException keys) {
                return keys;
            }
        }
        return null;
    }

    private Duration untilExpiry(Jwt jwt) {
        Instant expiresAt = jwt.getExpiresAt();
        return expiresAt == null ? Duration.ZERO : Duration.between(clock.instant(), expiresAt);
    }
}
