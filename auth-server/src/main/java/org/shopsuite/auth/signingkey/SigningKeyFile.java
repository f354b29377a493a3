package org.shopsuite.auth.signingkey;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The issuer's RSA signing key, kept in one file (a JWK, private parts included) readable by its owner only. Made on
 * the first start, read on every later one, so tokens stay valid across restarts; never in git and never in an image.
 */
public final class SigningKeyFile {

    private static final Logger log = LoggerFactory.getLogger(SigningKeyFile.class);
    private static final int KEY_BITS = 2048;

    private SigningKeyFile() {
    }

    /** The key in {@code file}, created there if the file does not exist yet. */
    public static RSAKey readOrCreate(Path file) {
        try {
            if (!Files.exists(file)) {
                create(file);
            }
            return RSAKey.parse(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the signing key " + file + ": check that its"
                    + " directory is writable by this user (or point SHOP_AUTH_SIGNING_KEY_FILE elsewhere)", e);
        } catch (ParseException e) {
            throw new IllegalStateException("the signing key " + file + " is not an RSA JWK (" + e.getMessage()
                    + "); delete it to have a new one made, which invalidates every token issued so far", e);
        }
    }

    private static void create(Path file) throws IOException {
        RSAKey key;
        try {
            key = new RSAKeyGenerator(KEY_BITS).keyUse(KeyUse.SIGNATURE).keyID(UUID.randomUUID().toString())
                    .generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("this JVM cannot generate an RSA key", e);
        }
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        // Written owner-only under a temporary name, then linked in place: a link never replaces an existing file,
        // so of two issuers starting at once both end up with the same key.
        Path temporary = Files.createTempFile(dir, "signing-key", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(temporary, key.toJSONString());
            Files.createLink(file, temporary);
            log.info("made a new signing key {} in {}", key.getKeyID(), file);
        } catch (FileAlreadyExistsException another) {
            // made by a concurrent start: keep that one
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
