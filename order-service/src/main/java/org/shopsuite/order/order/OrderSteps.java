package org.shopsuite.order.order;

/** The steps of one order inside its global transaction (bound to the thread), in one mode. */
interface OrderSteps {

    /** Runs every step for the PENDING order {@code orderId}; a step's failure is thrown as it is. */
    void run(OrderRequest request, long orderId);
}
