package dev.pacer.metric.fact;

import dev.pacer.events.RecordOperation;
import java.nio.ByteBuffer;
import java.time.OffsetDateTime;
import java.util.Map;

/**
 * A {@code pacer.records} message reduced to what the fact store needs: the record's identity, operation and source
 * version, its event time, its fields as the JSON text to store, and the values of the fields that can place a record
 * in time (the datasets' event-time fields) — the rest of the fields are never turned into Java objects.
 *
 * @param fieldsJson the {@code fields} object as the UTF-8 JSON it arrived in, a view of the message's own bytes (null
 *                   for a delete without fields)
 * @param timeFields the top-level scalar fields asked for by name: text of strings, numbers as written, null for
 *                   JSON null; a field absent from the record is absent here
 */
record RecordMessage(String dataset, String primaryKey, RecordOperation operation, long sourceVersion,
        OffsetDateTime eventTime, ByteBuffer fieldsJson, Map<String, String> timeFields) {
}
