package dev.pacer.metric;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pacer.events.CloudEvent;
import dev.pacer.events.EventSources;
import dev.pacer.events.RecordChanged;
import dev.pacer.events.RecordOperation;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.AbstractMap;
import java.util.Map;

/** {@code pacer.records} messages as ingest-service sends them: Kafka key and CloudEvent JSON. */
public final class TestRecords {
    private TestRecords() {
    }

    /** The change of one record (fields ignored for a DELETE), from the source system {@code source}. */
    public static Map.Entry<String, String> message(ObjectMapper json, String dataset, String primaryKey,
            RecordOperation op, String source, long version, Map<String, Object> fields) {
        RecordChanged rc = new RecordChanged(dataset, primaryKey, op, source, version, null,
                op == RecordOperation.DELETE ? null : fields, OffsetDateTime.now(ZoneOffset.UTC));
        try {
            return new AbstractMap.SimpleEntry<>(rc.kafkaKey(),
                    json.writeValueAsString(CloudEvent.of(EventSources.INGEST_SERVICE, rc)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
