package org.shopsuite.stack;

/**
 * The database users the suite logs in as. {@code sql/07-users.sql} (and, for the benchmark,
 * {@code sql/bench/bench_db.sql}) creates each one locked and without a password, and grants it what it needs; the
 * launcher then gives it its {@link StackSecret} and unlocks it, so no password is ever in the repository.
 */
public enum DatabaseUser {

    ORDER("order_svc", StackSecret.ORDER_DB_PASSWORD),
    ACCOUNT("account_svc", StackSecret.ACCOUNT_DB_PASSWORD),
    INVENTORY("inventory_svc", StackSecret.INVENTORY_DB_PASSWORD),
    CANAL("canal", StackSecret.CANAL_DB_PASSWORD),
    BENCH("bench_svc", StackSecret.BENCH_DB_PASSWORD);

    private final String name;
    private final StackSecret password;

    DatabaseUser(String name, StackSecret password) {
        this.name = name;
        this.password = password;
    }

    public String userName() {
        return name;
    }

    public StackSecret password() {
        return password;
    }

    /**
     * Sets this user's password to the stack's secret and unlocks it; does nothing if sql/ has not created the user
     * (bench_svc exists only once the benchmark has run).
     */
    public String unlockStatement(StackSettings settings) {
        String secret = password.value(settings);
        // Generated passwords are base64url (SecretFiles.randomPassword): nothing in them needs escaping in SQL.
        if (!secret.matches("[A-Za-z0-9_-]+")) {
            throw new IllegalStateException(password.file(settings) + " holds characters other than letters, digits,"
                    + " '-' and '_'; delete the file (a new password is generated on the next start) or use those only");
        }
        return "ALTER USER IF EXISTS '" + name + "'@'%' IDENTIFIED BY '" + secret + "' ACCOUNT UNLOCK;";
    }
}
