package org.shopsuite.order.order;

import java.net.URI;
import org.shopsuite.api.problem.ProblemTypes;
import org.shopsuite.api.problem.ApiProblem;
import org.springframework.http.HttpStatus;

/**
 * A FAILED order's reason is stored as {@code "<problem slug>: <detail>"}, so a replay of its Idempotency-Key can
 * answer with the same problem as the first attempt.
 */
final class FailureReason {

    private FailureReason() {
    }

    static String of(ApiProblem problem) {
        String reason = ProblemTypes.slug(problem.type()) + ": " + problem.detail();
        return reason.length() > 255 ? reason.substring(0, 255) : reason;
    }

    static ApiProblem toProblem(String reason) {
        String text = reason == null ? "order-failed: unknown reason" : reason;
        int colon = text.indexOf(": ");
        String slug = colon > 0 ? text.substring(0, colon) : "order-failed";
        String detail = colon > 0 ? text.substring(colon + 2) : text;
        URI type = ProblemTypes.of(slug);
        String title = switch (slug) {
            case "insufficient-balance" -> "Insufficient balance";
            case "out-of-stock" -> "Out of stock";
            default -> "Order failed";
        };
        return new ApiProblem(HttpStatus.CONFLICT, type, title, detail);
    }
}
