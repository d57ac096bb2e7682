package dev.pacer.metric.fact;

import java.nio.ByteBuffer;
import java.time.LocalDate;

/**
 * One record's new state for the fact table: an upsert (fields as UTF-8 JSON, the bytes the record arrived with, from
 * the buffer's position to its limit) or a delete (tombstone).
 */
public record FactChange(String dataset, String pk, long sourceVersion, LocalDate eventDate, boolean deleted,
        ByteBuffer fieldsJson) {
}
