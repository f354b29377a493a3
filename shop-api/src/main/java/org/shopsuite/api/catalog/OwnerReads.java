package org.shopsuite.api.catalog;

/** What an owning service says along with a product or an account it read, for the gateways' caches. */
public final class OwnerReads {

    /**
     * The binlog position ({@code mysql-bin.000042:1234}) exactly consistent with the snapshot the row was read in:
     * every change committed before it is in the answer, none after it. Absent when the database keeps no binlog; then
     * the answer is served but never cached in L2, since nothing orders it against the binlog's changes.
     */
    public static final String BINLOG_POSITION_HEADER = "X-Binlog-Position";

    private OwnerReads() {
    }
}
