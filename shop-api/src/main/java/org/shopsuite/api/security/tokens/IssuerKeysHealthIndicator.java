package org.shopsuite.api.security.tokens;

import java.util.List;
import java.util.Map;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/**
 * {@code issuerKeys} under {@code /actuator/health}: the issuer's key set as this process holds it (key ids, when it
 * was fetched, until when it verifies tokens without a fresh fetch) and the last fetch that failed. Always UP: while
 * the issuer is down this process still serves, checking tokens against the keys it holds (README, Authentication);
 * the details say what an operator needs to know. No I/O here: a health check never waits on the issuer either.
 */
public class IssuerKeysHealthIndicator extends AbstractHealthIndicator {

    private final IssuerKeys keys;

    public IssuerKeysHealthIndicator(IssuerKeys keys) {
        super("issuer keys health check failed");
        this.keys = keys;
    }

    @Override
    protected void doHealthCheck(Health.Builder health) {
        health.up().withDetail("jwksUri", keys.jwksUri().toString());
        keys.held().ifPresentOrElse(held -> health
                        .withDetail("keyIds", held.keyIds())
                        .withDetail("fetchedAt", held.fetchedAt().toString())
                        .withDetail("heldUntil", held.fetchedAt().plus(keys.settings().outageTolerance()).toString()),
                () -> health.withDetail("keyIds", List.of()));
        keys.lastFailure().ifPresent(failure -> health.withDetail("lastFailure",
                Map.of("at", failure.at().toString(), "error", failure.error())));
        health.withDetail("issuer", state());
    }

    private String state() {
        if (keys.held().isEmpty()) {
            return keys.failing()
                    ? "not answering, and no keys are held yet: bearer tokens are refused (401) until a fetch succeeds"
                    : "keys not fetched yet (they are fetched at start-up and at the first bearer token)";
        }
        return keys.failing()
                ? "not answering: tokens are checked against the held keys until heldUntil; refreshes go on in the"
                + " background"
                : "answering";
    }
}
