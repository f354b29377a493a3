package org.shopsuite.api.security;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/** The {@link Caller} of the request being handled, from the authentication Spring Security made of its token. */
public final class Callers {

    private Callers() {
    }

    /** Only for paths that require a token ({@code /api/**} but products): there the authentication is a JWT's. */
    public static Caller current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !authentication.isAuthenticated()) {
            throw new IllegalStateException("no authenticated caller: this path must require a bearer token"
                    + " (ShopResourceServer's rules)");
        }
        return of(authentication);
    }

    public static Caller of(Authentication authentication) {
        boolean admin = authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .anyMatch(Caller.ADMIN_AUTHORITY::equals);
        return new Caller(authentication.getName(), admin);
    }
}
