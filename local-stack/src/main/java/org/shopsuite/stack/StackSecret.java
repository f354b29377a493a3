package org.shopsuite.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A random secret of the stack, kept in {@code <stack dir>/secrets/<name>} readable by its owner only: made on a stack
 * directory's first start, never tracked in git, new after every {@code ./stack reset} and in every test run.
 */
public final class StackSecret {

    private static final int BYTES = 32;

    private StackSecret() {
    }

    /** The secret (base64 of 32 random bytes), created on first use. */
    public static String of(StackSettings settings, String name) {
        Path file = file(settings, name);
        try {
            if (!Files.exists(file)) {
                create(file);
            }
            return Files.readString(file).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the secret " + file + "; check the stack"
                    + " directory's permissions, or `./stack reset` to start afresh", e);
        }
    }

    public static Path dir(StackSettings settings) {
        return settings.stackDir().resolve("secrets");
    }

    public static Path file(StackSettings settings, String name) {
        return dir(settings).resolve(name);
    }

    /** The secrets directory, owner-only, for files the parts create themselves (the issuer's signing key). */
    public static Path privateDir(StackSettings settings) {
        Path dir = dir(settings);
        try {
            return privateDir(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir + " owner-only; check the stack directory's"
                    + " permissions", e);
        }
    }

    private static void create(Path file) throws IOException {
        Path dir = privateDir(file.getParent());
        byte[] secret = new byte[BYTES];
        new SecureRandom().nextBytes(secret);
        // Written owner-only under a temporary name, then linked in place (a link, unlike a rename, never replaces):
        // a concurrent start sees the whole secret or none, and the first one made is the one everybody gets.
        Path temporary = Files.createTempFile(dir, "secret", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(temporary, Base64.getEncoder().encodeToString(secret) + "\n");
            Files.createLink(file, temporary);
        } catch (FileAlreadyExistsException another) {
            // another start made one first: keep theirs
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static Path privateDir(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        return dir;
    }
}
