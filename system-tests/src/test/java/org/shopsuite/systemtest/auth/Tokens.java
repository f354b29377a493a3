package org.shopsuite.systemtest.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.nio.file.Files;
import org.shopsuite.stack.DevIssuer;
import org.shopsuite.testfixtures.TestInfrastructure;

/**
 * Keys for JWTs made by hand, to check that the suite refuses each flaw for itself (their claims and signatures:
 * test-fixtures' {@code StandInIssuer}).
 */
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
}
