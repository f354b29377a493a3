package org.shopsuite.order.placement;

/** A step of a global transaction failed; carries the XID so the attempt can be recorded after the rollback. */
class GlobalTransactionFailed extends RuntimeException {

    private final String xid;
    private final RuntimeException step;

    GlobalTransactionFailed(String xid, RuntimeException step) {
        super(step.getMessage(), step);
        this.xid = xid;
        this.step = step;
    }

    String xid() {
        return xid;
    }

    /** What the failing step threw. */
    RuntimeException step() {
        return step;
    }
}
