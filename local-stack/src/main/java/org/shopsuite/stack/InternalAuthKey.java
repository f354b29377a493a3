package org.shopsuite.stack;

import java.nio.file.Path;
import java.util.Set;

/**
 * The key the suite's services sign and check calls to {@code /internal/**} with (environment variable
 * {@value #ENVIRONMENT_VARIABLE}). Generated at random on a stack directory's first start, kept in
 * {@code <stack dir>/secrets/internal-auth.key} like the stack's other secrets ({@link StackSecret}).
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
        return SecretFiles.readOrCreate(file(settings), () -> SecretFiles.randomBase64(KEY_BYTES));
    }

    public static Path file(StackSettings settings) {
        return SecretFiles.dir(settings).resolve("internal-auth.key");
    }
}
