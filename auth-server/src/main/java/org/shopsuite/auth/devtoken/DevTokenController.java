package org.shopsuite.auth.devtoken;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.shopsuite.auth.issuer.TokenClaims;
import org.shopsuite.api.input.StrictIntegers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /dev/token} ({@code user_id}, optional {@code admin=true}): a bearer token for any user without a
 * browser, for {@code ./stack token} and the tests. It signs with the issuer's own encoder and key and sets the same
 * claims as the authorization code flow ({@link TokenClaims}), so what it makes is what a signed-in user gets.
 * Development only: off unless {@code shop.auth.dev-token.enabled}, and it answers only callers that send the
 * stack's secret.
 */
@RestController
@ConditionalOnProperty(name = "shop.auth.dev-token.enabled", havingValue = "true")
class DevTokenController {

    static final String PATH = "/dev/token";
    static final String SECRET_HEADER = "X-Shop-Dev-Token-Secret";

    private static final Logger log = LoggerFactory.getLogger(DevTokenController.class);

    private final JwtEncoder encoder;
    private final TokenClaims claims;
    private final AuthorizationServerSettings issuer;
    private final DevTokenProperties properties;
    private final byte[] secret;

    DevTokenController(JwtEncoder encoder, TokenClaims claims, AuthorizationServerSettings issuer,
                       DevTokenProperties properties) {
        this.encoder = encoder;
        this.claims = claims;
        this.issuer = issuer;
        this.properties = properties;
        this.secret = properties.secret().getBytes(StandardCharsets.UTF_8);
        log.warn("the development token endpoint {} is on: anyone holding the stack's secret gets a token for any"
                + " user. Never switch it on outside development.", PATH);
    }

    @PostMapping(path = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> token(@RequestHeader(name = SECRET_HEADER, required = false) String presented,
                            @RequestParam(name = "user_id") String userId,
                            @RequestParam(name = "admin", defaultValue = "false") boolean admin) {
        if (presented == null || !MessageDigest.isEqual(secret, presented.getBytes(StandardCharsets.UTF_8))) {
            return problem(HttpStatus.UNAUTHORIZED, "send the stack's development secret in " + SECRET_HEADER
                    + " (.stack/secrets/dev-token.secret); ./stack token does");
        }
        if (!StrictIntegers.isId(userId)) {
            return problem(HttpStatus.BAD_REQUEST, "user_id must be a user id (a positive integer up to "
                    + Long.MAX_VALUE + ", as the API's ids), got '" + userId + "'");
        }
        Instant now = Instant.now();
        Set<String> scopes = new LinkedHashSet<>();
        if (admin) {
            scopes.add(TokenClaims.ADMIN_SCOPE);
        }
        JwtClaimsSet.Builder token = JwtClaimsSet.builder()
                .issuer(issuer.getIssuer())
                .issuedAt(now)
                .notBefore(now)
                .expiresAt(now.plus(properties.timeToLive()))
                .id(UUID.randomUUID().toString());
        claims.apply(token, userId, scopes);
        String jwt = encoder.encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256).build(),
                token.build())).getTokenValue();
        return ResponseEntity.ok(Map.of("access_token", jwt, "token_type", "Bearer",
                "expires_in", properties.timeToLive().toSeconds(), "scope", String.join(" ", scopes)));
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(ProblemDetail.forStatusAndDetail(status, detail));
    }
}
