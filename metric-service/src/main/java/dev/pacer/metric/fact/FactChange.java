package dev.pacer.metric.fact;

import java.time.LocalDate;

/** One record's new state for the fact table: an upsert (fields as JSON) or a delete (tombstone). */
public record FactChange(String dataset, String pk, long sourceVersion, LocalDate eventDate, boolean deleted,
        String fieldsJson) {
}
