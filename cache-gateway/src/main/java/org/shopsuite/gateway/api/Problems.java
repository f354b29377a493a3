package org.shopsuite.gateway.api;

import java.net.URI;
import java.util.List;
import org.shopsuite.api.problem.ProblemTypes;

/** Every problem the public API answers, as the OpenAPI document shows it: when, and an example body. */
enum Problems {

    INVALID_REQUEST(ProblemTypes.INVALID_REQUEST, 400, "Invalid request",
            "a malformed or invalid body, path id, header or parameter; the problem names the field",
            "The field quantity must be between 1 and 1000"),
    UNAUTHENTICATED(ProblemTypes.UNAUTHENTICATED, 401, "Unauthenticated",
            "no bearer token, or one that is malformed, expired, signed by another key, for another issuer or"
                    + " audience; the answer has WWW-Authenticate: Bearer", "A valid bearer token is required"),
    FORBIDDEN(ProblemTypes.FORBIDDEN, 403, "Forbidden",
            "another user's balance, or an order whose userId is not the token's user; nothing written",
            "This token may not act for user 2"),
    NOT_FOUND(ProblemTypes.NOT_FOUND, 404, "Not found",
            "no such user, product or order", "No product 42"),
    INSUFFICIENT_BALANCE(ProblemTypes.INSUFFICIENT_BALANCE, 409, "Insufficient balance",
            "the balance does not cover the order; the order is kept as FAILED and nothing moved",
            "The balance does not cover this order"),
    OUT_OF_STOCK(ProblemTypes.OUT_OF_STOCK, 409, "Out of stock",
            "not enough stock; the order is kept as FAILED and nothing moved", "Not enough stock for this order"),
    ORDER_IN_PROGRESS(ProblemTypes.ORDER_IN_PROGRESS, 409, "Order in progress",
            "this user already has an order in flight (on any instance); nothing written",
            "Another order of this user is being placed; try again when it has finished"),
    PAYLOAD_TOO_LARGE(ProblemTypes.PAYLOAD_TOO_LARGE, 413, "Payload too large",
            "the body is over 64 KiB", "The request body is over 65536 bytes"),
    IDEMPOTENCY_KEY_REUSED(ProblemTypes.IDEMPOTENCY_KEY_REUSED, 422, "Idempotency key reused",
            "the Idempotency-Key was used before with another body", "This Idempotency-Key was used for another order"),
    RATE_LIMITED(ProblemTypes.RATE_LIMITED, 429, "Too many requests",
            "too many orders from this user or address (both gateways count together); Retry-After says when",
            "Too many orders; retry after 1 s"),
    INTERNAL_ERROR(ProblemTypes.INTERNAL_ERROR, 500, "Internal error",
            "an unexpected failure; what failed is logged under the traceId the answer carries",
            "An unexpected error; report the traceId"),
    SERVICE_UNAVAILABLE(ProblemTypes.SERVICE_UNAVAILABLE, 503, "Service unavailable",
            "a participant, the coordinator or the owning service is unavailable before anything was decided;"
                    + " nothing happened, try again",
            "The order could not be placed now; nothing was charged. Try again shortly");

    static final List<Problems> ALL = List.of(values());

    private final URI type;
    private final int status;
    private final String title;
    private final String when;
    private final String detail;

    Problems(URI type, int status, String title, String when, String detail) {
        this.type = type;
        this.status = status;
        this.title = title;
        this.when = when;
        this.detail = detail;
    }

    URI type() {
        return type;
    }

    int status() {
        return status;
    }

    String slug() {
        return ProblemTypes.slug(type);
    }

    String when() {
        return when;
    }

    String example() {
        return "{\"type\":\"" + type + "\",\"title\":\"" + title + "\",\"status\":" + status + ",\"detail\":\""
                + detail + "\"}";
    }
}
