package org.shopsuite.api.security;

import java.util.OptionalLong;
import org.shopsuite.api.input.StrictIntegers;
import org.shopsuite.api.problem.ApiProblem;
import org.shopsuite.api.problem.ProblemTypes;
import org.springframework.http.HttpStatus;

/**
 * Who sent a request, as its bearer token says, and what that lets them see and do. The rules of ownership live here
 * once, for the gateway and every service: a user reads their own balance and orders and orders for themselves;
 * {@value #ADMIN_SCOPE} reads everything (and orders for no one else either: the scope is for operators' reads).
 *
 * @param subject the token's {@code sub}: the user id, for the suite's own users
 * @param admin   whether the token carries scope {@value #ADMIN_SCOPE}
 */
public record Caller(String subject, boolean admin) {

    public static final String ADMIN_SCOPE = "shop.admin";
    /** The authority Spring Security's resource server derives from the scope. */
    public static final String ADMIN_AUTHORITY = "SCOPE_" + ADMIN_SCOPE;

    /** The shop user id the subject names; empty for a subject that is no user id (an operator account, say). */
    public OptionalLong userId() {
        try {
            long id = StrictIntegers.parseLong(subject);
            return id > 0 ? OptionalLong.of(id) : OptionalLong.empty();
        } catch (RuntimeException notAnId) {
            return OptionalLong.empty();
        }
    }

    public boolean isUser(long userId) {
        OptionalLong own = userId();
        return own.isPresent() && own.getAsLong() == userId;
    }

    /** Balances and orders: the owner's, or anyone's for an operator. */
    public boolean mayRead(long userId) {
        return admin || isUser(userId);
    }

    /**
     * The user an order is placed for: the token's. A body naming another user is refused (403), whoever asks,
     * before anything is written.
     */
    public long orderingUser(Long requestedUserId) {
        OptionalLong own = userId();
        if (own.isEmpty()) {
            throw forbidden("the token's subject '" + subject + "' is not a shop user id, so it cannot place orders");
        }
        if (requestedUserId != null && requestedUserId != own.getAsLong()) {
            throw forbidden("userId " + requestedUserId + " is not the token's user (" + own.getAsLong()
                    + "); leave userId out or send your own");
        }
        return own.getAsLong();
    }

    /** 403 for a read of someone else's balance. */
    public void requireMayRead(long userId, String what) {
        if (!mayRead(userId)) {
            throw forbidden(what + " of user " + userId + " belongs to another user; a token may read only its own"
                    + " user's, or everyone's with scope " + ADMIN_SCOPE);
        }
    }

    public static ApiProblem forbidden(String detail) {
        return new ApiProblem(HttpStatus.FORBIDDEN, ProblemTypes.FORBIDDEN, "Forbidden", detail);
    }
}
