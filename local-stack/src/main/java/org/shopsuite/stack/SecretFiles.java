package org.shopsuite.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.function.Supplier;

/**
 * Secrets a stack directory generates for itself: one file each under {@code <stack dir>/secrets/}, readable by its
 * owner only, made on first use and read back on every later one. Never tracked in git: {@code ./stack reset} and
 * every test run make new ones.
 */
final class SecretFiles {

    private static final SecureRandom RANDOM = new SecureRandom();

    private SecretFiles() {
    }

    static Path dir(StackSettings settings) {
        return settings.stackDir().resolve("secrets");
    }

    /** The secret in {@code file}, created from {@code generator} if there is none yet. */
    static String readOrCreate(Path file, Supplier<String> generator) {
        try {
            if (!Files.exists(file)) {
                create(file, generator.get());
            }
            return Files.readString(file).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the secret " + file + "; check the stack"
                    + " directory's permissions, or `./stack reset` to start afresh", e);
        }
    }

    /** {@code bytes} random bytes, base64 (standard alphabet, padded). */
    static String randomBase64(int bytes) {
        return Base64.getEncoder().encodeToString(random(bytes));
    }

    /**
     * A password of {@code bytes} random bytes in base64url without padding: letters, digits, '-' and '_' only, so it
     * goes into SQL string literals, Redis configuration, env files and URLs without quoting.
     */
    static String randomPassword(int bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random(bytes));
    }

    private static byte[] random(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return value;
    }

    private static void create(Path file, String value) throws IOException {
        Path dir = file.getParent();
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        // Written owner-only under a temporary name, then linked in place (a link, unlike a rename, never replaces):
        // a concurrent start sees the whole secret or none, and the first one made is the one every part gets.
        Path temporary = Files.createTempFile(dir, file.getFileName().toString(), ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(temporary, value + "\n");
            Files.createLink(file, temporary);
        } catch (FileAlreadyExistsException another) {
            // another start made one first: keep theirs
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
