package dev.pacer.ingest.source;

/** What started a run. */
public enum RunTrigger {
    /** {@code POST /sources/{id}/runs}. */
    MANUAL,
    /** The source's cron schedule. */
    SCHEDULE
}
