package dev.pacer.events;

/** What happened to a business record: upserted by primary key, or deleted. */
public enum RecordOperation {
    UPSERT, DELETE
}
