package org.shopsuite.api.security.tokens;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.source.CachingJWKSetSource;
import com.nimbusds.jose.jwk.source.JWKSetSourceWithHealthStatusReporting;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jose.util.events.Event;
import com.nimbusds.jose.util.health.HealthReport;
import com.nimbusds.jose.util.health.HealthStatus;
import java.io.Closeable;
import java.io.IOException;
import java.net.URL;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The issuer's public keys, fetched from its JWKS address and held so that no request waits on the issuer, built from
 * nimbus-jose-jwt's {@link JWKSourceBuilder}:
 * <ul>
 *   <li>fetches have connect and read timeouts ({@link IssuerKeySettings}, about a second each);</li>
 *   <li>the key set is cached for the whole outage tolerance, and fetched again in the background every refresh
 *       interval (refresh-ahead, scheduled): requests read the held set and never fetch it while it is valid. A
 *       refresh that fails keeps the held set (a later one retries); a refresh that succeeds replaces it, so a key
 *       the issuer withdrew stops verifying within a refresh interval;</li>
 *   <li>a token naming a key id not held makes the request thread fetch (a rotated key is picked up at once), but at
 *       most two fetches run per {@code fetch-limit-window}: the rest fail at once, and the token is refused (401).</li>
 * </ul>
 * Why not the builder's {@code outageTolerant(...)} over a short cache: Nimbus serves its outage copy only to a request
 * thread's fetch, not to the background refresh (a forced refresh passes the failure on), so a short cache still
 * expires during an outage and the next request fetches, and waits on a hung issuer for a read timeout, once per cache
 * lifetime. A cache as long as the outage window, refreshed ahead, has no such moment.
 *
 * <p>What happened to the fetches (last success, last failure, keys held) is kept for the health details.
 */
public final class IssuerKeys implements Closeable {

    private static final Logger log = LoggerFactory.getLogger(IssuerKeys.class);
    /** A key set is a few kilobytes; anything near this is not one. */
    private static final int SIZE_LIMIT = 256 * 1024;

    private final URL jwksUri;
    private final IssuerKeySettings settings;
    private final JWKSource<SecurityContext> source;
    private final List<Consumer<Set<String>>> keySetListeners = new CopyOnWriteArrayList<>();

    private volatile HeldKeys held;
    private volatile FetchFailure lastFailure;
    private volatile boolean failing;

    /** The key ids of the set in use, and when it was fetched. */
    public record HeldKeys(List<String> keyIds, Instant fetchedAt) {
    }

    /** A fetch that failed: when, and why. */
    public record FetchFailure(Instant at, String error) {
    }

    public IssuerKeys(URL jwksUri, IssuerKeySettings settings) {
        this.jwksUri = Objects.requireNonNull(jwksUri);
        this.settings = settings;
        long lifetime = settings.outageTolerance().toMillis();
        long fetchWait = settings.fetchWait().toMillis();
        DefaultResourceRetriever retriever = new DefaultResourceRetriever(
                (int) settings.connectTimeout().toMillis(), (int) settings.readTimeout().toMillis(), SIZE_LIMIT);
        this.source = JWKSourceBuilder.<SecurityContext>create(jwksUri, retriever)
                // requests queued behind a fetch in flight wait at most as long as that fetch can take
                .cache(lifetime, fetchWait, this::onCacheEvent)
                // Nimbus schedules the next refresh at lifetime - refreshAheadTime - fetchWait after a fetch: that is
                // refresh-interval. Requests that come later than that (a refresh failed) start one in the background.
                .refreshAheadCache(lifetime - settings.refreshInterval().toMillis() - fetchWait, true,
                        this::onCacheEvent)
                .rateLimited(settings.fetchLimitWindow().toMillis())
                .healthReporting(this::onFetch)
                .build();
    }

    /** What the decoder selects verification keys from. */
    public JWKSource<SecurityContext> source() {
        return source;
    }

    public URL jwksUri() {
        return jwksUri;
    }

    public IssuerKeySettings settings() {
        return settings;
    }

    public Optional<HeldKeys> held() {
        return Optional.ofNullable(held);
    }

    public Optional<FetchFailure> lastFailure() {
        return Optional.ofNullable(lastFailure);
    }

    /** Whether the last fetch failed (the held keys, if any, are still in use). */
    public boolean failing() {
        return failing;
    }

    /** Called with the key ids of every key set fetched (the verified-token cache drops tokens of withdrawn keys). */
    public void onKeySet(Consumer<Set<String>> listener) {
        keySetListeners.add(listener);
    }

    /**
     * Fetches the key set now if none is held (at start-up, so that an instance holds keys before its first token
     * and through an issuer outage that begins before it). Never throws: a failure is logged and shown in health.
     */
    public void fetchIfNoneHeld() {
        if (held != null) {
            return;
        }
        try {
            source.get(new JWKSelector(new JWKMatcher.Builder().build()), null);
        } catch (KeySourceException | RuntimeException e) {
            log.warn("Could not fetch the issuer's keys from {} at start-up ({}): they will be fetched at the first"
                    + " bearer token. Check that the issuer runs (./stack status) and SHOP_AUTH_JWKS_URI.",
                    jwksUri, describe(e));
        }
    }

    private void onCacheEvent(Event<CachingJWKSetSource<SecurityContext>, SecurityContext> event) {
        if (event instanceof CachingJWKSetSource.RefreshCompletedEvent<?> refreshed) {
            List<String> keyIds = refreshed.getJWKSet().getKeys().stream().map(JWK::getKeyID)
                    .filter(Objects::nonNull).toList();
            HeldKeys before = held;
            held = new HeldKeys(keyIds, Instant.now());
            if (before == null || !before.keyIds().equals(keyIds)) {
                log.info("The issuer's keys from {}: {}", jwksUri, keyIds);
            }
            Set<String> ids = keyIds.stream().collect(Collectors.toUnmodifiableSet());
            keySetListeners.forEach(listener -> listener.accept(ids));
        }
    }

    private void onFetch(HealthReport<JWKSetSourceWithHealthStatusReporting<SecurityContext>, SecurityContext> report) {
        if (report.getHealthStatus() == HealthStatus.HEALTHY) {
            if (failing) {
                log.info("The issuer answers again at {}: its keys are fresh", jwksUri);
            }
            failing = false;
            return;
        }
        FetchFailure failure = new FetchFailure(Instant.ofEpochMilli(report.getTimestamp()),
                describe(report.getException()));
        lastFailure = failure;
        if (!failing) {
            HeldKeys keys = held;
            log.warn("Could not fetch the issuer's keys from {} ({}). {} Check that the issuer runs (./stack status,"
                    + " ./stack logs auth-server) and SHOP_AUTH_JWKS_URI.", jwksUri, failure.error(), keys == null
                    ? "No keys are held yet: bearer tokens are refused (401) until a fetch succeeds."
                    : "Tokens are still checked against the keys fetched at " + keys.fetchedAt() + " " + keys.keyIds()
                    + ", until " + keys.fetchedAt().plus(settings.outageTolerance()) + "; refreshes go on in the"
                    + " background.");
        }
        failing = true;
    }

    static String describe(Throwable e) {
        if (e == null) {
            return "no reason given";
        }
        String message = e.getMessage();
        Throwable cause = e.getCause();
        String own = e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
        return cause == null || cause == e ? own : own + " (" + describe(cause) + ")";
    }

    @Override
    public void close() throws IOException {
        // stops the refresh threads
        if (source instanceof Closeable closeable) {
            closeable.close();
        }
    }
}
