package org.shopsuite.api.participant;

/**
 * Paths of the transaction branches that order-service calls on account- and inventory-service. All under
 * {@link #PREFIX}, so the public gateway can leave them out by path.
 */
public final class InternalPaths {

    public static final String PREFIX = "/internal/";

    public static final String XA_STOCK_DEDUCTION = "/internal/inventory/{productId}/xa-deductions";
    public static final String TCC_STOCK_RESERVATION = "/internal/inventory/{productId}/tcc-reservations";
    public static final String XA_CREDIT_DEBIT = "/internal/accounts/{userId}/xa-debits";
    public static final String TCC_CREDIT_RESERVATION = "/internal/accounts/{userId}/tcc-reservations";

    private InternalPaths() {
    }
}
