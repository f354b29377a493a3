package org.shopsuite.support.internalauth;

import java.time.Clock;
import java.util.Optional;
import org.shopsuite.api.internalauth.InternalCallSignature;

/**
 * The suite's shared key for calls to {@code /internal/**} ({@value #ENVIRONMENT_VARIABLE}, base64 of at least 32
 * random bytes): order-service signs its calls to the participants with it, and the participants check them.
 */
public final class InternalCallKey {

    public static final String ENVIRONMENT_VARIABLE = "SHOP_INTERNAL_AUTH_KEY";

    private final byte[] key;
    private final Clock clock;

    InternalCallKey(byte[] key, Clock clock) {
        this.key = key.clone();
        this.clock = clock;
    }

    /** The key from the variable's value; a missing or weak key stops the service with what to do about it. */
    static InternalCallKey fromEnvironment(String value, Clock clock) {
        try {
            return new InternalCallKey(InternalCallSignature.decodeKey(value), clock);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(ENVIRONMENT_VARIABLE + " is not usable: " + e.getMessage() + ". Every"
                    + " service that calls or answers /internal/** needs the same key: ./stack generates one under"
                    + " its data directory (secrets/internal-auth.key); with compose, run docker/compose-env.sh once (it"
                    + " writes the suite's secrets into .env). README, \"Secrets\".");
        }
    }

    /** The {@value InternalCallSignature#HEADER} value for a call about to be sent now. */
    public String sign(String method, String pathAndQuery, String xid, byte[] body) {
        return InternalCallSignature.sign(key, clock.instant().getEpochSecond(), method, pathAndQuery, xid, body);
    }

    /** Why a received call must be refused, or empty if its header is this suite's signature of it. */
    Optional<String> refusal(String header, String method, String pathAndQuery, String xid, byte[] body) {
        return InternalCallSignature.refusal(key, header, clock.instant().getEpochSecond(), method, pathAndQuery, xid,
                body);
    }
}
