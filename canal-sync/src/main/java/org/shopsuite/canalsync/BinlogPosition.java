package org.shopsuite.canalsync;

import java.util.Comparator;

/**
 * A place in the database's binlog: a file and a byte offset in it. Files are numbered ({@code mysql-bin.000042}), so
 * they order by name.
 */
record BinlogPosition(String file, long offset) implements Comparable<BinlogPosition> {

    /**
     * The largest XA PREPARE event: 19 bytes of header, 13 of fixed fields, up to 128 of XID, 4 of checksum. MariaDB
     * writes one right after an XA transaction's {@code XA END}; Canal does not pass it on.
     */
    static final long XA_PREPARE_EVENT_MAX = 164;
    /** A binlog file that holds nothing but its header events (format description, GTID list, checkpoint). */
    static final long FRESH_FILE_MAX = 1024;

    private static final Comparator<BinlogPosition> ORDER =
            Comparator.comparing(BinlogPosition::file).thenComparingLong(BinlogPosition::offset);

    @Override
    public int compareTo(BinlogPosition other) {
        return ORDER.compare(this, other);
    }

    /**
     * True when a reader that got everything up to this position has everything up to {@code head} that it can be
     * sent: past it, or short of it only by events Canal never sends (an XA PREPARE right after the XA END it got last,
     * or the header events of a file the database has just started).
     *
     * @param endsAtXaEnd the last event read was an {@code XA END}
     */
    boolean covers(BinlogPosition head, boolean endsAtXaEnd) {
        if (compareTo(head) >= 0) {
            return true;
        }
        if (file.equals(head.file)) {
            return endsAtXaEnd && head.offset - offset <= XA_PREPARE_EVENT_MAX;
        }
        return head.offset <= FRESH_FILE_MAX;
    }

    @Override
    public String toString() {
        return file + ":" + offset;
    }
}
