package org.shopsuite.bench.setup;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.shopsuite.stack.DevIssuer;
import org.shopsuite.stack.StackSettings;

/**
 * Bearer tokens for the bench users, from the running stack's development issuer (as {@code ./stack token} gets them).
 * Fetched before anything is measured and reused for the whole run (they last an hour): what the benchmark measures
 * is checking a token on every request, not minting one.
 */
public final class BenchTokens {

    private final StackSettings settings;
    private final Map<Long, String> bearers = new ConcurrentHashMap<>();

    public BenchTokens(StackSettings settings) {
        this.settings = settings;
    }

    /** Fetches the tokens of users {@code first} .. {@code first + count - 1} now. */
    public void fetch(long first, int count) {
        for (long user = first; user < first + count; user++) {
            bearer(user);
        }
    }

    /** {@code Bearer <token>} for the user: the {@code Authorization} header's value. */
    public String bearer(long user) {
        return bearers.computeIfAbsent(user, id -> "Bearer " + DevIssuer.token(settings, id, false));
    }
}
