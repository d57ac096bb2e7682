package dev.pacer.ingest.jdbc;

/** How a JDBC source is read. */
public enum SyncMode {
    /** Only rows past the saved cursor (a timestamp column, an increasing id column, or both). */
    INCREMENTAL,
    /** Every row, every run: changed and new rows are published, keys that vanished get a tombstone. */
    FULL_REFRESH
}
