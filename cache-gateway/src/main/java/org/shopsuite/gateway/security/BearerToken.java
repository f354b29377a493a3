package org.shopsuite.gateway.security;

import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/** The bearer token of the request this thread is handling, to pass on to the service behind the gateway. */
public final class BearerToken {

    private BearerToken() {
    }

    /** {@code Bearer <token>}, or empty when the request came without one (a public read). */
    public static Optional<String> authorizationHeader() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication instanceof JwtAuthenticationToken jwt
                ? Optional.of("Bearer " + jwt.getToken().getTokenValue())
                : Optional.empty();
    }
}
