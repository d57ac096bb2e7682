package dev.pacer.ingest.source;

/** Where a run stands. */
public enum RunStatus {
    RUNNING, SUCCEEDED, FAILED
}
