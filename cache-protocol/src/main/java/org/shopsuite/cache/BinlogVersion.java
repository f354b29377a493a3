package org.shopsuite.cache;

import java.util.OptionalLong;

/**
 * A cached row's version: its place in the database's binlog, packed into one positive long that orders exactly like
 * the binlog. The order of changes to a row is the order of their events in the binlog, whatever SQL made them (a
 * {@code REPLACE}, a re-insert after a delete, a restore), so no counter the rows carry is needed.
 *
 * <p>Layout, high to low: 16 bits binlog file number ({@code mysql-bin.000042} is 42), 32 bits byte offset in that
 * file, 15 bits sub-index.
 * <ul>
 *   <li>a row change: the offset where its event starts (for a row of an XA transaction: where its {@code XA COMMIT}
 *       starts, since a read between PREPARE and COMMIT does not see it) and its place in that event or transaction,
 *       counted from 1;</li>
 *   <li>a read by an owning service: the binlog position its consistent snapshot stands at, sub-index 0. Every change
 *       it sees starts before that position, every change it does not see starts at or after it, so each orders on
 *       the right side of the read.</li>
 * </ul>
 * Limits: file numbers up to {@value #MAX_FILE} and offsets below 4 GiB ({@code max_binlog_size} is at most 1 GiB, so
 * only a single transaction of more than 3 GiB reaches past that); beyond them there is no version, see
 * {@link #of(long, long, long)}. Sub-indexes past {@value #MAX_INDEX} share {@value #MAX_INDEX}: canal-sync keeps only
 * the last change of a row within a batch, and an event or XA transaction is always applied in one batch, so rows of
 * one event never need to be told apart by it.
 */
public final class BinlogVersion {

    public static final long MAX_FILE = (1L << 16) - 1;
    public static final long MAX_OFFSET = (1L << 32) - 1;
    public static final long MAX_INDEX = (1L << 15) - 1;

    private BinlogVersion() {
    }

    /**
     * The version of the place (file number, offset, sub-index). Throws {@link IllegalArgumentException} past the
     * limits, saying what an operator can do; a sub-index past {@link #MAX_INDEX} saturates.
     */
    public static long of(long fileNumber, long offset, long index) {
        if (fileNumber < 1 || fileNumber > MAX_FILE) {
            throw new IllegalArgumentException("binlog file number " + fileNumber + " is outside 1.." + MAX_FILE
                    + ", so cache versions cannot order it. Start a new binlog (RESET MASTER, after which canal-sync"
                    + " and the caches must start afresh: see docs/architecture.md, \"A binlog that starts again\")");
        }
        if (offset < 0 || offset > MAX_OFFSET) {
            throw new IllegalArgumentException("binlog offset " + offset + " is past 4 GiB, so cache versions cannot"
                    + " order it. Keep max_binlog_size at its 1 GiB default or below, and transactions well under 3 GiB");
        }
        if (index < 0) {
            throw new IllegalArgumentException("a binlog sub-index is never negative: " + index);
        }
        return fileNumber << 47 | offset << 15 | Math.min(index, MAX_INDEX);
    }

    /** The version of a place in a binlog file named as the server names it ({@code mysql-bin.000042}). */
    public static long of(String file, long offset, long index) {
        return of(fileNumber(file), offset, index);
    }

    /** The version of a read whose consistent snapshot stands at {@code file:position}. */
    public static long snapshot(String file, long position) {
        return of(file, position, 0);
    }

    /**
     * The version of a read from the position an owning service sent ({@code mysql-bin.000042:1234}); empty when it
     * sent none or one that is not a binlog position (then the read cannot be ordered and never goes to L2).
     */
    public static OptionalLong parseSnapshot(String position) {
        if (position == null) {
            return OptionalLong.empty();
        }
        int colon = position.lastIndexOf(':');
        if (colon < 1) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(snapshot(position.substring(0, colon), Long.parseLong(position.substring(colon + 1))));
        } catch (IllegalArgumentException e) {
            return OptionalLong.empty();
        }
    }

    /** The number of a binlog file: what follows its last dot ({@code mysql-bin.000042} is 42). */
    public static long fileNumber(String file) {
        int dot = file == null ? -1 : file.lastIndexOf('.');
        try {
            return Long.parseLong(file.substring(dot + 1));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a binlog file name (base.NNNNNN): " + file);
        }
    }

    /** {@code file#N:offset/index}, for logs and tests. */
    public static String describe(long version) {
        return "file#" + (version >>> 47) + ":" + (version >>> 15 & MAX_OFFSET) + "/" + (version & MAX_INDEX);
    }
}
