package dev.pacer.ingest.push;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pacer.events.CloudEvent;
import dev.pacer.events.EventSources;
import dev.pacer.events.RecordChanged;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.OffsetDateTime;
import java.time.temporal.Temporal;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes the {@code RecordChanged} CloudEvents of one batch as JSON: the same members, in the same order and with the
 * same value texts as the application's {@link ObjectMapper} writes a {@code CloudEvent<RecordChanged>}, without its
 * generic bean and map serialisation per record (the largest CPU cost of a push before).
 *
 * <p>One writer serves one batch (it is not thread-safe): all its events share one creation time, and its one
 * generator writes event after event. Each date or timestamp value is written by the mapper once and then reused as
 * raw text ({@link Temporals}), so dates and timestamps read exactly as the mapper writes them (time zone settings
 * included). Field
 * values of the types a {@code FieldType} produces are written directly (strings, whole numbers, decimals as plain
 * digits, booleans); any other value goes through the mapper.
 */
final class RecordEventWriter {
    private final ObjectMapper json;
    private final StringBuilder out = new StringBuilder(1024);
    private final JsonGenerator generator;
    private final Temporals temporals;
    private final String time;

    /**
     * The JSON texts of dates and timestamps as the mapper writes them, shared by the writers of all batches (dates
     * recur from batch to batch); thread-safe, and emptied when it reaches its size limit.
     */
    static final class Temporals {
        private final int limit;
        private final ConcurrentHashMap<Object, String> texts = new ConcurrentHashMap<>();

        Temporals(int limit) {
            this.limit = limit;
        }

        String text(Object value, ObjectMapper json) {
            String text = texts.get(value);
            if (text == null) {
                try {
                    text = json.writeValueAsString(value);
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException("A record value cannot be written as JSON: "
                            + e.getOriginalMessage(), e);
                }
                if (texts.size() >= limit) {
                    texts.clear();
                }
                texts.put(value, text);
            }
            return text;
        }
    }

    /**
     * @param json      the mapper whose output the events match (writing decimals as plain digits)
     * @param temporals the texts of dates and timestamps this mapper writes
     * @param now       the events' creation time ({@code time} of every event of the batch)
     */
    RecordEventWriter(ObjectMapper json, Temporals temporals, OffsetDateTime now) {
        this.json = json;
        this.temporals = temporals;
        try {
            this.generator = json.createGenerator(new Writer() {
                @Override
                public void write(char[] buffer, int offset, int length) {
                    out.append(buffer, offset, length);
                }

                @Override
                public void flush() {
                }

                @Override
                public void close() {
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        generator.enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
        generator.setRootValueSeparator(null);
        this.time = temporals.text(now, json);
    }

    /** The event of {@code r} with a new random id, as JSON. */
    String write(RecordChanged r, String kafkaKey) {
        out.setLength(0);
        try {
            JsonGenerator g = generator;
            g.writeStartObject();
            g.writeStringField("specversion", CloudEvent.SPEC_VERSION);
            g.writeStringField("id", UUID.randomUUID().toString());
            g.writeStringField("source", EventSources.INGEST_SERVICE);
            g.writeStringField("type", r.eventType());
            g.writeStringField("subject", kafkaKey);
            g.writeFieldName("time");
            g.writeRawValue(time);
            g.writeStringField("datacontenttype", CloudEvent.JSON);
            g.writeFieldName("data");
            g.writeStartObject();
            g.writeStringField("dataset", r.dataset());
            g.writeStringField("primaryKey", r.primaryKey());
            g.writeStringField("operation", r.operation().name());
            g.writeStringField("sourceSystem", r.sourceSystem());
            g.writeNumberField("sourceVersion", r.sourceVersion());
            g.writeFieldName("eventTime");
            writeValue(r.eventTime());
            g.writeFieldName("fields");
            if (r.fields() == null) {
                g.writeNull();
            } else {
                g.writeStartObject();
                for (Map.Entry<String, Object> f : r.fields().entrySet()) {
                    g.writeFieldName(f.getKey());
                    writeValue(f.getValue());
                }
                g.writeEndObject();
            }
            g.writeFieldName("ingestedAt");
            writeValue(r.ingestedAt());
            g.writeEndObject();
            g.writeEndObject();
            g.flush();
        } catch (IOException e) {
            throw new IllegalStateException("A record event cannot be written as JSON: " + e.getMessage(), e);
        }
        return out.toString();
    }

    private void writeValue(Object v) throws IOException {
        JsonGenerator g = generator;
        if (v == null) {
            g.writeNull();
        } else if (v instanceof String s) {
            g.writeString(s);
        } else if (v instanceof Long l) {
            g.writeNumber(l);
        } else if (v instanceof BigDecimal d) {
            g.writeNumber(d);
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof Integer i) {
            g.writeNumber(i);
        } else if (v instanceof BigInteger i) {
            g.writeNumber(i);
        } else if (v instanceof Temporal) {
            g.writeRawValue(temporals.text(v, json));
        } else {
            json.writeValue(g, v);
        }
    }
}
