package org.shopsuite.stack;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The passwords a stack generates on its first start and hands to its parts by environment (the internal-call key is
 * {@link InternalAuthKey}). Each lives in {@code <stack dir>/secrets/<file>}, readable by its owner only; nothing in
 * the repository holds one. Compose gets the same variables from {@code .env}, written by
 * {@code docker/compose-env.sh}.
 */
public enum StackSecret {

    ORDER_DB_PASSWORD("SHOP_ORDER_DB_PASSWORD", "order-db.password", "order-service"),
    ACCOUNT_DB_PASSWORD("SHOP_ACCOUNT_DB_PASSWORD", "account-db.password", "account-service"),
    INVENTORY_DB_PASSWORD("SHOP_INVENTORY_DB_PASSWORD", "inventory-db.password", "inventory-service"),
    /** The Canal server follows the binlog as this user; canal-sync reads the binlog head with it. */
    CANAL_DB_PASSWORD("SHOP_CANAL_DB_PASSWORD", "canal-db.password", "canal-sync"),
    /** What Canal's clients (canal-sync, as {@value CanalPart#CLIENT_USER}) authenticate with at the Canal server. */
    CANAL_CLIENT_PASSWORD("SHOP_CANAL_CLIENT_PASSWORD", "canal-client.password", "canal-sync"),
    BENCH_DB_PASSWORD("SHOP_BENCH_DB_PASSWORD", "bench-db.password", "baseline-service"),
    /** Every Redis node and sentinel asks for it, and the nodes and sentinels use it among themselves. */
    REDIS_PASSWORD("SHOP_REDIS_PASSWORD", "redis.password", "order-service", "canal-sync", "cache-gateway"),
    /** The Seata coordinator's web console, user {@value SeataPart#CONSOLE_USER}. */
    SEATA_CONSOLE_PASSWORD("SHOP_SEATA_CONSOLE_PASSWORD", "seata-console.password"),
    /**
     * The key the Seata console signs its login tokens with (base64, as it reads it): its built-in one is public, and
     * anyone holding it could forge a login.
     */
    SEATA_CONSOLE_TOKEN_KEY("SHOP_SEATA_CONSOLE_TOKEN_KEY", "seata-console-token.key"),
    /**
     * What the development issuer's token endpoint asks of its callers ({@code ./stack token}, the tests): without it
     * nobody gets a token for any user there. See {@link DevIssuer}.
     */
    AUTH_DEV_TOKEN_SECRET("SHOP_AUTH_DEV_TOKEN_SECRET", "dev-token.secret", DevIssuer.MODULE),
    /** The development issuer's seed users' password (users 1, 2 and operator sign in with it). */
    AUTH_DEMO_PASSWORD("SHOP_AUTH_DEMO_PASSWORD", "auth-demo.password", DevIssuer.MODULE);

    private static final int PASSWORD_BYTES = 24;
    private static final int KEY_BYTES = 32;

    private final String environmentVariable;
    private final String fileName;
    private final Set<String> modules;

    StackSecret(String environmentVariable, String fileName, String... modules) {
        this.environmentVariable = environmentVariable;
        this.fileName = fileName;
        this.modules = Set.of(modules);
    }

    /** The variable a service (or compose's .env) carries this secret in. */
    public String environmentVariable() {
        return environmentVariable;
    }

    /** This stack's value, generated on first use. */
    public String value(StackSettings settings) {
        return SecretFiles.readOrCreate(file(settings), this::generate);
    }

    /** A new random value of this secret's kind (a key: base64 as its reader expects; a password: base64url). */
    public String generate() {
        return fileName.endsWith(".key") ? SecretFiles.randomBase64(KEY_BYTES)
                : SecretFiles.randomPassword(PASSWORD_BYTES);
    }

    public Path file(StackSettings settings) {
        return SecretFiles.dir(settings).resolve(fileName);
    }

    /** The secrets a service module reads from its environment. */
    public static List<StackSecret> neededBy(String module) {
        return Arrays.stream(values()).filter(secret -> secret.modules.contains(module)).toList();
    }
}
