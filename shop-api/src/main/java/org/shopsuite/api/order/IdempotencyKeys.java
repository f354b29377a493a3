package org.shopsuite.api.order;

import java.util.List;
import java.util.regex.Pattern;
import org.shopsuite.api.problem.ApiProblem;
import org.shopsuite.api.problem.ProblemTypes;
import org.springframework.http.HttpStatus;

/** The {@code Idempotency-Key} of an order: 1-64 characters of {@code [A-Za-z0-9_-]}, checked the same everywhere. */
public final class IdempotencyKeys {

    public static final String HEADER = "Idempotency-Key";
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private IdempotencyKeys() {
    }

    public static boolean isValid(String key) {
        return key != null && VALID.matcher(key).matches();
    }

    /** Refuses a present but empty, malformed or too long key with a 400 naming {@code where} it came from. */
    public static void check(String where, String key) {
        if (key != null && !isValid(key)) {
            throw ApiProblem.invalidFields(where + " must be 1-64 characters of [A-Za-z0-9_-]", List.of(where));
        }
    }
}
