package org.shopsuite.api.order;

public enum OrderStatus {
    /** In flight: its global transaction has not finished. */
    PENDING,
    SUCCESS,
    /** Refused or rolled back; {@code failureReason} says why. */
    FAILED
}
