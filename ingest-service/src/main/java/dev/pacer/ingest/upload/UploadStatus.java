package dev.pacer.ingest.upload;

/** Where an upload job stands. */
public enum UploadStatus {
    /** Accepted, waiting for a worker. */
    QUEUED,
    RUNNING,
    /** Every row was processed: published, or refused with its reason (see the rows). */
    SUCCEEDED,
    /** The job stopped (e.g. Kafka did not acknowledge); rows processed before stay processed. */
    FAILED
}
