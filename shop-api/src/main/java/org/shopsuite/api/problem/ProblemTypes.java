package org.shopsuite.api.problem;

import java.net.URI;

/** The {@code type} URIs of the suite's RFC 9457 problems; clients match on the last path segment. */
public final class ProblemTypes {

    private static final String BASE = "https://shopsuite.dev/problems/";

    public static final URI INVALID_REQUEST = of("invalid-request");
    public static final URI NOT_FOUND = of("not-found");
    public static final URI INSUFFICIENT_BALANCE = of("insufficient-balance");
    public static final URI OUT_OF_STOCK = of("out-of-stock");
    public static final URI ORDER_IN_PROGRESS = of("order-in-progress");
    public static final URI IDEMPOTENCY_KEY_REUSED = of("idempotency-key-reused");
    public static final URI PAYLOAD_TOO_LARGE = of("payload-too-large");
    public static final URI SERVICE_UNAVAILABLE = of("service-unavailable");
    public static final URI UNAUTHENTICATED = of("unauthenticated");
    public static final URI FORBIDDEN = of("forbidden");
    public static final URI RATE_LIMITED = of("rate-limited");
    public static final URI INTERNAL_ERROR = of("internal-error");

    private ProblemTypes() {
    }

    public static URI of(String slug) {
        return URI.create(BASE + slug);
    }

    /** The slug of a type URI ({@code out-of-stock} for {@link #OUT_OF_STOCK}). */
    public static String slug(URI type) {
        String path = type.getPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
