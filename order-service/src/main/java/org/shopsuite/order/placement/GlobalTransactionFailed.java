package org.shopsuite.order.placement;

/** A step of a global transaction failed; carries the XID so the attempt can be recorded after the rollback. */
class GlobalTransactionFailed extends RuntimeException {

    private final String xid;

    GlobalTransactionFailed(String xid, RuntimeException cause) {
        super(cause.getMessage(), cause);
        this.xid = xid;
    }

    String xid() {
        return xid;
    }

    @Override
    public synchronized RuntimeException getCause() {
        return (RuntimeException) super.getCause();
    }
}
