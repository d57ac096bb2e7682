package dev.pacer.ingest.catalog;

import dev.pacer.events.RecordOperation;
import java.time.OffsetDateTime;
import java.util.Map;

/** The verdict on one incoming record: accepted with its typed values, or rejected with a reason. */
public sealed interface RecordCheck {

    /** The record's primary key string, when its key fields were valid; otherwise null. */
    String primaryKey();

    /**
     * A valid record.
     *
     * @param fields    the typed values by field name, in schema order (absent or null optional fields are left
     *                  out); null for a DELETE
     * @param eventTime the value of the dataset's event-time field as an instant (a DATE at the start of the day in
     *                  the configured zone); null when absent or for a DELETE
     */
    record Accepted(RecordOperation operation, String primaryKey, Map<String, Object> fields,
            OffsetDateTime eventTime) implements RecordCheck {
    }

    /** A refused record; the reason names every offending field. */
    record Rejected(String primaryKey, String reason) implements RecordCheck {
    }
}
