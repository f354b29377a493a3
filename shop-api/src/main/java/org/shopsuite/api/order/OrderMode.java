package org.shopsuite.api.order;

/** How an order's global transaction is run: XA two-phase commit, or TCC reservations. */
public enum OrderMode {
    XA,
    TCC
}
