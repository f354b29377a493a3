package org.shopsuite.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/**
 * The key the suite's services sign and check calls to {@code /internal/**} with (environment variable
 * {@value #ENVIRONMENT_VARIABLE}). Generated at random on a stack directory's first start, kept in
 * {@code <stack dir>/secrets/internal-auth.key} readable by its owner only, and never tracked in git: every
 * {@code ./stack reset} and every test run makes a new one.
 */
public final class InternalAuthKey {

    public static final String ENVIRONMENT_VARIABLE = "SHOP_INTERNAL_AUTH_KEY";
    /** The modules that sign (order-service) or check (the participants) internal calls. */
    static final Set<String> MODULES = Set.of("order-service", "account-service", "inventory-service");

    private static final int KEY_BYTES = 32;

    private InternalAuthKey() {
    }

    /** The stack's key (base64), created on first use. */
    public static String of(StackSettings settings) {
        Path file = file(settings);
        try {
            if (!Files.exists(file)) {
                create(file);
            }
            return Files.readString(file).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the internal-call key " + file
                    + "; check the stack directory's permissions, or `./stack reset` to start afresh", e);
        }
    }

    public static Path file(StackSettings settings) {
        return settings.stackDir().resolve("secrets").resolve("internal-auth.key");
    }

    private static void create(Path file) throws IOException {
        Path dir = file.getParent();
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        byte[] key = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(key);
        // Written owner-only under a temporary name, then linked in place (a link, unlike a rename, never replaces):
        // a concurrent start sees the whole key or none, and the first one made is the one every service gets.
        Path temporary = Files.createTempFile(dir, "internal-auth", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(temporary, Base64.getEncoder().encodeToString(key) + "\n");
            Files.createLink(file, temporary);
        } catch (FileAlreadyExistsException another) {
            // another start made one first: keep theirs
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
