package dev.pacer.events;

import java.time.OffsetDateTime;
import java.util.Map;

/** A business record was upserted or deleted in a source system (published by ingest-service). */
public record RecordChanged(
        String dataset,
        String primaryKey,
        RecordOperation operation,
        String sourceSystem,
        long sourceVersion,
        OffsetDateTime eventTime,
        Map<String, Object> fields,
        OffsetDateTime ingestedAt) implements EventPayload {

    public RecordChanged {
        Checks.text(dataset, "dataset");
        Checks.text(primaryKey, "primaryKey");
        Checks.present(operation, "operation");
        Checks.text(sourceSystem, "sourceSystem");
        Checks.present(ingestedAt, "ingestedAt");
        if (operation == RecordOperation.UPSERT) {
            Checks.present(fields, "fields of an UPSERT");
        }
        fields = Checks.copy(fields);
    }

    /** The Kafka key of a record: {@code dataset:primaryKey}. */
    public static String kafkaKeyOf(String dataset, String primaryKey) {
        return dataset + ":" + primaryKey;
    }

    @Override
    public String kafkaKey() {
        return kafkaKeyOf(dataset, primaryKey);
    }

    @Override
    public String eventType() {
        return EventTypes.RECORD_CHANGED;
    }

    @Override
    public String topic() {
        return Topics.RECORDS;
    }
}
