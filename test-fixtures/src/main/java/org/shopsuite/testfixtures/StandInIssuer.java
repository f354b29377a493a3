package org.shopsuite.testfixtures;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The issuer, for a module's integration tests that run one part in-process without the suite's auth-server: a fresh
 * RSA key whose public half is served as a JWKS on a loopback port, and tokens signed with it carrying the claims the
 * suite's issuer gives ({@code sub} the user, {@code aud} shopsuite, {@code scope}). The part under test checks them
 * exactly as it checks real ones: it fetches the keys and verifies signature, issuer, audience and expiry.
 * Point it here with {@link #issuer()} and {@link #jwksUri()}. One per test JVM.
 */
public final class StandInIssuer {

    private static StandInIssuer shared;

    private final RSAKey key;
    private final HttpServer server;
    private final AtomicInteger jwksFetches = new AtomicInteger();

    private StandInIssuer() {
        try {
            key = new RSAKeyGenerator(2048).keyID("stand-in-" + UUID.randomUUID()).generate();
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot make the stand-in issuer's key", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the stand-in issuer's port", e);
        }
        byte[] jwks = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        server.createContext("/oauth2/jwks", exchange -> {
            jwksFetches.incrementAndGet();
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, jwks.length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(jwks);
            }
        });
        server.start();
    }

    public static synchronized StandInIssuer shared() {
        if (shared == null) {
            shared = new StandInIssuer();
        }
        return shared;
    }

    /** What its tokens name in {@code iss}: SHOP_AUTH_ISSUER of the part under test. */
    public String issuer() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Where its public key is: SHOP_AUTH_JWKS_URI of the part under test. */
    public String jwksUri() {
        return issuer() + "/oauth2/jwks";
    }

    /** How many times its key set was fetched so far: what a part under test costs the issuer. */
    public int jwksFetches() {
        return jwksFetches.get();
    }

    /** A token for {@code userId}, with scope {@code shop.admin} if {@code admin}, valid for ten minutes. */
    public String token(long userId, boolean admin) {
        return signed(key, claims(issuer(), userId).claim("scope", admin ? List.of("shop.admin") : List.of()));
    }

    /** The claims the suite's issuer gives, without scopes: issuer, user, the suite's audience, ten minutes to live. */
    public static JWTClaimsSet.Builder claims(String issuer, long userId) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(String.valueOf(userId))
                .audience(List.of("shopsuite"))
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(10))))
                .jwtID(UUID.randomUUID().toString());
    }

    /** The claims as a compact JWT signed RS256 with {@code key}, naming its key id. */
    public static String signed(RSAKey key, JWTClaimsSet.Builder claims) {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                claims.build());
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a test token", e);
        }
        return jwt.serialize();
    }
}
