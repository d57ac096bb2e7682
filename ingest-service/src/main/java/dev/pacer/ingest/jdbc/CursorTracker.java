package dev.pacer.ingest.jdbc;

import java.util.Objects;

/**
 * Follows the cursor through the rows of an incremental run (which arrive in cursor order) and says which position
 * may be saved once the rows so far are acknowledged. With an id column the last row's position is exact. With a
 * timestamp alone, rows sharing the last timestamp may still follow, and the next run reads only rows past the saved
 * timestamp: until the run is complete the safe position is the end of the previous timestamp, so nothing is skipped
 * (the rows of the last timestamp are read again: harmless upserts).
 */
public final class CursorTracker {
    private final boolean exactOrder;
    private final CursorPosition start;
    private CursorPosition current;
    private CursorPosition endOfPreviousTimestamp;

    /**
     * @param hasIdColumn whether the cursor includes an id column (which makes the order total)
     * @param start       the position the run started from (null: the beginning)
     */
    public CursorTracker(boolean hasIdColumn, CursorPosition start) {
        this.exactOrder = hasIdColumn;
        this.start = start;
    }

    public void advance(CursorPosition row) {
        if (current != null && !Objects.equals(current.timestamp(), row.timestamp())) {
            endOfPreviousTimestamp = current;
        }
        current = row;
    }

    /**
     * The position to save once every row so far is acknowledged.
     *
     * @param complete whether the query returned all its rows (then the last row's position is safe in any case)
     */
    public CursorPosition safePosition(boolean complete) {
        if (current == null) {
            return start;
        }
        if (complete || exactOrder) {
            return current;
        }
        return endOfPreviousTimestamp != null ? endOfPreviousTimestamp : start;
    }
}
