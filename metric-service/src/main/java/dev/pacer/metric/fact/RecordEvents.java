package dev.pacer.metric.fact;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import dev.pacer.events.CloudEvent;
import dev.pacer.events.RecordChanged;
import dev.pacer.events.RecordOperation;
import dev.pacer.platform.messaging.PoisonMessageException;
import dev.pacer.platform.time.IsoText;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Reads {@code pacer.records} messages as {@code CloudEvent<RecordChanged>} exactly as the platform's
 * {@code EventConsumer.parse} does (same mapper settings, same records and their checks, same poison handling), but
 * with a prepared reader and a fast path for the two timestamps every message carries: the common ISO form
 * {@code 2026-11-27T01:06:00.123456Z} / {@code …+01:00} is read by hand, anything else by Jackson's own deserializer.
 * Parsing timestamps through {@code DateTimeFormatter} was a sixth of the consumer's CPU time.
 *
 * <p>{@link #read} goes further for the fact store: a message (the bytes Kafka delivered, in the buffer Kafka read them
 * into: neither copied nor decoded into a String) in the form ingest-service writes is walked once with the streaming
 * parser, and its {@code fields} object is kept as the UTF-8 JSON it arrived in — a view of those same bytes, to be
 * stored as {@code jsonb}, checked by {@link JsonbText} — instead of being built into a map and written back to JSON
 * (together a third of the consumer's CPU time). Anything the walk does not expect (a missing or odd-typed property, a
 * timestamp not in the common form, fields PostgreSQL would refuse) sends the message through {@link #parse}, so what
 * is accepted or refused, and why, is exactly what it was.
 */
final class RecordEvents {
    private final ObjectReader reader;
    private final ObjectMapper mapper;
    private final JsonFactory factory;

    RecordEvents(ObjectMapper json) {
        ObjectMapper mapper = json.copy().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                .configure(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS, true)
                .registerModule(new SimpleModule("pacer-fast-offset-date-time")
                        .addDeserializer(OffsetDateTime.class, new FastOffsetDateTime()));
        this.reader = mapper.readerFor(mapper.getTypeFactory().constructParametricType(CloudEvent.class,
                RecordChanged.class));
        this.mapper = mapper;
        this.factory = mapper.getFactory();
    }

    /**
     * The message reduced to what the fact store needs, with the named top-level fields' values.
     *
     * @throws PoisonMessageException when the message is not a valid {@code RecordChanged} CloudEvent
     */
    RecordMessage read(ConsumerRecord<String, ByteBuffer> record, Set<String> timeFieldNames) {
        if (record.value() != null) {
            RecordMessage fast = fastRead(record.value(), timeFieldNames);
            if (fast != null) {
                return fast;
            }
        }
        RecordChanged rc = parse(record).data();
        ByteBuffer fieldsJson = null;
        Map<String, String> timeFields = new HashMap<>();
        if (rc.fields() != null) {
            try {
                byte[] written = mapper.writeValueAsBytes(rc.fields());
                fieldsJson = ByteBuffer.wrap(written);
                if (!JsonbText.storable(written, 0, written.length)) {
                    throw new PoisonMessageException("Record fields cannot be stored: they hold \\u0000 or a "
                            + "broken surrogate pair, which no PostgreSQL text can hold");
                }
            } catch (JsonProcessingException e) {
                throw new PoisonMessageException("Record fields cannot be stored: " + e.getOriginalMessage(), e);
            }
            for (String name : timeFieldNames) {
                if (rc.fields().containsKey(name)) {
                    Object v = rc.fields().get(name);
                    timeFields.put(name, v == null ? null : v.toString());
                }
            }
        }
        return new RecordMessage(rc.dataset(), rc.primaryKey(), rc.operation(), rc.sourceVersion(), rc.eventTime(),
                fieldsJson, timeFields);
    }

    /**
     * The message (from the buffer's position to its limit, which stay as they are) walked once; null when it is not in
     * the expected form (the full parse then decides).
     */
    RecordMessage fastRead(ByteBuffer message, Set<String> timeFieldNames) {
        Bytes value = Bytes.of(message);
        try (JsonParser p = factory.createParser(value.array, value.offset, value.length)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            String specversion = null;
            boolean id = false;
            boolean source = false;
            boolean type = false;
            RecordMessage data = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                switch (name) {
                    case "specversion" -> specversion = t == JsonToken.VALUE_STRING ? p.getText() : null;
                    case "id" -> id = nonBlank(p, t);
                    case "source" -> source = nonBlank(p, t);
                    case "type" -> type = nonBlank(p, t);
                    case "subject", "datacontenttype" -> {
                        if (t != JsonToken.VALUE_STRING && t != JsonToken.VALUE_NULL) {
                            return null;
                        }
                    }
                    case "time" -> {
                        if (t != JsonToken.VALUE_NULL && !timestamp(p, t)) {
                            return null;
                        }
                    }
                    case "data" -> {
                        data = t == JsonToken.START_OBJECT ? data(p, value, timeFieldNames) : null;
                        if (data == null) {
                            return null;
                        }
                    }
                    default -> p.skipChildren();
                }
            }
            if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null || !"1.0".equals(specversion)
                    || !id || !source || !type) {
                return null;
            }
            return data;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static RecordMessage data(JsonParser p, Bytes value, Set<String> timeFieldNames) throws IOException {
        String dataset = null;
        String primaryKey = null;
        RecordOperation operation = null;
        boolean sourceSystem = false;
        long sourceVersion = 0;
        OffsetDateTime eventTime = null;
        boolean ingestedAt = false;
        ByteBuffer fieldsJson = null;
        Map<String, String> timeFields = new HashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken t = p.nextToken();
            switch (name) {
                case "dataset" -> dataset = nonBlank(p, t) ? p.getText() : null;
                case "primaryKey" -> primaryKey = nonBlank(p, t) ? p.getText() : null;
                case "operation" -> {
                    if (t != JsonToken.VALUE_STRING) {
                        return null;
                    }
                    operation = switch (p.getText()) {
                        case "UPSERT" -> RecordOperation.UPSERT;
                        case "DELETE" -> RecordOperation.DELETE;
                        default -> null;
                    };
                }
                case "sourceSystem" -> sourceSystem = nonBlank(p, t);
                case "sourceVersion" -> {
                    if (t != JsonToken.VALUE_NUMBER_INT || p.getNumberType() != JsonParser.NumberType.INT
                            && p.getNumberType() != JsonParser.NumberType.LONG) {
                        return null;
                    }
                    sourceVersion = p.getLongValue();
                }
                case "eventTime" -> {
                    if (t == JsonToken.VALUE_NULL) {
                        eventTime = null;
                    } else if (t == JsonToken.VALUE_STRING) {
                        eventTime = FastOffsetDateTime.parse(p.getText());
                        if (eventTime == null) {
                            return null;
                        }
                    } else {
                        return null;
                    }
                }
                case "ingestedAt" -> {
                    ingestedAt = timestamp(p, t);
                    if (!ingestedAt) {
                        return null;
                    }
                }
                case "fields" -> {
                    timeFields.clear();
                    if (t == JsonToken.VALUE_NULL) {
                        fieldsJson = null;
                    } else if (t == JsonToken.START_OBJECT) {
                        fieldsJson = fields(p, value, timeFieldNames, timeFields);
                        if (fieldsJson == null) {
                            return null;
                        }
                    } else {
                        return null;
                    }
                }
                default -> p.skipChildren();
            }
        }
        if (dataset == null || primaryKey == null || operation == null || !sourceSystem || !ingestedAt
                || (operation == RecordOperation.UPSERT && fieldsJson == null)) {
            return null;
        }
        return new RecordMessage(dataset, primaryKey, operation, sourceVersion, eventTime, fieldsJson, timeFields);
    }

    /**
     * The fields object (the parser on its START_OBJECT) as a view of its bytes in the message, noting the named scalar
     * values; null when PostgreSQL would not store them ({@link JsonbText#storable}: the full parse then decides what
     * they are).
     */
    private static ByteBuffer fields(JsonParser p, Bytes value, Set<String> names, Map<String, String> out)
            throws IOException {
        long start = p.currentTokenLocation().getByteOffset();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken t = p.nextToken();
            if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                if (names.contains(name)) {
                    return null; // a structure where a date belongs: the full parse reports it
                }
                p.skipChildren();
            } else if (names.contains(name)) {
                out.put(name, t == JsonToken.VALUE_NULL ? null : p.getText());
            }
        }
        long end = p.currentLocation().getByteOffset();
        // the parser counts from the start of the message, which may lie anywhere in the array
        if (start < 0 || end <= start || end > value.length) {
            return null;
        }
        int from = value.offset + (int) start;
        int to = value.offset + (int) end;
        if (value.array[from] != '{' || value.array[to - 1] != '}' || !JsonbText.storable(value.array, from, to)) {
            return null;
        }
        return ByteBuffer.wrap(value.array, from, to - from).slice();
    }

    /** A message's bytes as an array region: the buffer's own array when it has one (Kafka's do), else a copy. */
    private record Bytes(byte[] array, int offset, int length) {
        static Bytes of(ByteBuffer b) {
            if (b.hasArray()) {
                return new Bytes(b.array(), b.arrayOffset() + b.position(), b.remaining());
            }
            byte[] copy = new byte[b.remaining()];
            b.duplicate().get(copy);
            return new Bytes(copy, 0, copy.length);
        }
    }

    /** A string that is not blank ({@link String#isBlank}), read where the parser holds it, without a String. */
    private static boolean nonBlank(JsonParser p, JsonToken t) throws IOException {
        if (t != JsonToken.VALUE_STRING) {
            return false;
        }
        char[] text = p.getTextCharacters();
        for (int i = p.getTextOffset(), end = i + p.getTextLength(); i < end; i++) {
            if (!Character.isWhitespace(text[i])) {
                return true;
            }
        }
        return false;
    }

    private static boolean timestamp(JsonParser p, JsonToken t) throws IOException {
        return t == JsonToken.VALUE_STRING && FastOffsetDateTime.parse(p.getText()) != null;
    }

    CloudEvent<RecordChanged> parse(ConsumerRecord<String, ByteBuffer> record) {
        String origin = record.topic() + "/" + record.partition() + "@" + record.offset();
        if (record.value() == null) {
            throw new PoisonMessageException("Empty message at " + origin);
        }
        try {
            Bytes value = Bytes.of(record.value());
            CloudEvent<RecordChanged> event = reader.readValue(value.array, value.offset, value.length);
            if (event == null || event.data() == null) {
                throw new PoisonMessageException("CloudEvent without data at " + origin);
            }
            return event;
        } catch (PoisonMessageException e) {
            throw e;
        } catch (Exception e) {
            throw new PoisonMessageException("Not a RecordChanged CloudEvent at " + origin + ": " + e.getMessage(), e);
        }
    }

    /** {@code yyyy-MM-ddTHH:mm:ss[.f…](Z|±HH:MM)} by hand, adjusted like Jackson's; everything else by Jackson. */
    static final class FastOffsetDateTime extends JsonDeserializer<OffsetDateTime> {
        @Override
        public OffsetDateTime deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() == JsonToken.VALUE_STRING) {
                OffsetDateTime fast = parse(p.getText());
                if (fast != null) {
                    return ctxt.isEnabled(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                            ? fast.withOffsetSameInstant(ctxt.getTimeZone().toZoneId().getRules()
                                    .getOffset(fast.toLocalDateTime()))
                            : fast;
                }
            }
            return InstantDeserializer.OFFSET_DATE_TIME.deserialize(p, ctxt);
        }

        /** The value, or null if the text is not in the common form (or not a valid date-time). */
        static OffsetDateTime parse(String s) {
            int n = s.length();
            if (n < 20 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':'
                    || s.charAt(16) != ':') {
                return null;
            }
            int year = IsoText.digits(s, 0, 4);
            int month = IsoText.digits(s, 5, 7);
            int day = IsoText.digits(s, 8, 10);
            int hour = IsoText.digits(s, 11, 13);
            int minute = IsoText.digits(s, 14, 16);
            int second = IsoText.digits(s, 17, 19);
            if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) {
                return null;
            }
            int i = 19;
            int nanos = 0;
            if (s.charAt(i) == '.') {
                int start = ++i;
                while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                    i++;
                }
                int len = i - start;
                if (len < 1 || len > 9) {
                    return null;
                }
                nanos = IsoText.digits(s, start, i);
                for (int k = len; k < 9; k++) {
                    nanos *= 10;
                }
            }
            ZoneOffset offset;
            if (i == n - 1 && s.charAt(i) == 'Z') {
                offset = ZoneOffset.UTC;
            } else if (i == n - 6 && (s.charAt(i) == '+' || s.charAt(i) == '-') && s.charAt(i + 3) == ':') {
                int oh = IsoText.digits(s, i + 1, i + 3);
                int om = IsoText.digits(s, i + 4, i + 6);
                if (oh < 0 || om < 0) {
                    return null;
                }
                int sign = s.charAt(i) == '-' ? -1 : 1;
                try {
                    offset = ZoneOffset.ofHoursMinutes(sign * oh, sign * om);
                } catch (DateTimeException e) {
                    return null;
                }
            } else {
                return null;
            }
            try {
                return OffsetDateTime.of(LocalDateTime.of(year, month, day, hour, minute, second, nanos), offset);
            } catch (DateTimeException e) {
                return null;
            }
        }
    }
}
