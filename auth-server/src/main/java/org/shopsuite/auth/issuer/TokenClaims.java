package org.shopsuite.auth.issuer;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.stereotype.Component;

/**
 * What every access token of the suite says, however it was obtained (the authorization code flow, or
 * {@code ./stack token}): {@code sub} the user id, {@code aud} the suite's audience, {@code scope} the granted scopes,
 * with {@value #ADMIN_SCOPE} only for operators, whatever a client asked for.
 */
@Component
public class TokenClaims implements OAuth2TokenCustomizer<JwtEncodingContext> {

    public static final String ADMIN_SCOPE = "shop.admin";
    public static final String ADMIN_ROLE = "ROLE_ADMIN";

    private final String audience;

    TokenClaims(IssuerProperties properties) {
        this.audience = properties.audience();
    }

    /** The suite's claims on top of the standard ones (issuer, times, id). */
    public void apply(JwtClaimsSet.Builder claims, String userId, Set<String> scopes) {
        claims.subject(userId).audience(List.of(audience)).claim("scope", scopes);
    }

    /** Access tokens of the authorization code flow: SAS sets sub and scope; the audience and the admin rule are ours. */
    @Override
    public void customize(JwtEncodingContext context) {
        if (!OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
            return;
        }
        Authentication user = context.getPrincipal();
        Set<String> scopes = new LinkedHashSet<>(context.getAuthorizedScopes());
        if (!isAdmin(user)) {
            scopes.remove(ADMIN_SCOPE);
        }
        apply(context.getClaims(), user.getName(), scopes);
    }

    private static boolean isAdmin(Authentication user) {
        return user.getAuthorities().stream().map(GrantedAuthority::getAuthority).anyMatch(ADMIN_ROLE::equals);
    }
}
