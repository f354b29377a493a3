package org.shopsuite.api.problem;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Error answers say what the client can do, never what failed inside (no URLs, SQL, class names or exception
 * messages): those go to the log, in a line carrying a trace id that the answer carries too (property
 * {@value #PROPERTY}), so an operator given the answer finds the line.
 */
public final class TraceIds {

    /** The problem property, and the {@code traceId=} the log line names. */
    public static final String PROPERTY = "traceId";

    private static final SecureRandom RANDOM = new SecureRandom();

    private TraceIds() {
    }

    /** A new id: 16 hex digits, unique enough to grep for. */
    public static String next() {
        byte[] id = new byte[8];
        RANDOM.nextBytes(id);
        return HexFormat.of().formatHex(id);
    }
}
