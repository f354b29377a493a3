package org.shopsuite.systemtest.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.shopsuite.stack.DevIssuer;
import org.shopsuite.testfixtures.TestInfrastructure;

/** JWTs made by hand, to check that the suite refuses each flaw for itself. */
final class Tokens {

    private Tokens() {
    }

    /** The issuer's own signing key, from the test stack's secrets directory. */
    static RSAKey realKey(TestInfrastructure infra) throws Exception {
        return RSAKey.parse(Files.readString(DevIssuer.signingKeyFile(infra.settings())));
    }

    /** A fresh key that claims the issuer's key id: only the signature gives it away. */
    static RSAKey anotherKeyWithTheSameId(RSAKey real) throws JOSEException {
        return new RSAKeyGenerator(2048).keyID(real.getKeyID()).generate();
    }

    /** Claims the suite accepts: the issuer, the user, the audience, ten minutes to live. */
    static JWTClaimsSet.Builder claims(String issuer, long user) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(String.valueOf(user))
                .audience(List.of("shopsuite"))
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(10))))
                .jwtID(UUID.randomUUID().toString());
    }

    static String signed(RSAKey key, JWTClaimsSet.Builder claims) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                claims.build());
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }
}
