package dev.pacer.ingest.catalog;

import dev.pacer.events.RecordOperation;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The schema of one dataset as ingest knows it from {@code pacer.catalog}: typed fields, required flags, primary key
 * and event-time field. It checks incoming records against itself and converts their values.
 *
 * <p>A record is a JSON object whose members are dataset fields, plus an optional {@value #OPERATION_FIELD} member:
 * {@code "upsert"} (the default) or {@code "delete"}, which must carry the primary key fields only.
 */
public final class DatasetSchema {
    /** The member of an incoming record that says whether it is an upsert or a delete. */
    public static final String OPERATION_FIELD = "_op";
    /** Separates the values of a composite primary key. */
    public static final char KEY_SEPARATOR = '|';

    /** One typed field. */
    public record Field(String name, FieldType type, boolean required) {
    }

    private final String key;
    private final int version;
    private final String sourceSystem;
    private final Map<String, Field> fields;
    private final List<Field> primaryKey;
    private final Field eventTimeField;

    private DatasetSchema(String key, int version, String sourceSystem, Map<String, Field> fields,
            List<Field> primaryKey, Field eventTimeField) {
        this.key = key;
        this.version = version;
        this.sourceSystem = sourceSystem;
        this.fields = Collections.unmodifiableMap(fields);
        this.primaryKey = List.copyOf(primaryKey);
        this.eventTimeField = eventTimeField;
    }

    /**
     * Reads the {@code definition} of a DATASET catalog entry, as metric-service publishes it: {@code fields} (each
     * {@code name}, {@code type}, {@code required}), {@code primaryKey}, {@code eventTimeField}, {@code sourceSystem};
     * other members (name, description, owner …) are not needed here and ignored.
     *
     * @throws IllegalArgumentException naming what is wrong when the definition cannot be a dataset schema
     */
    public static DatasetSchema fromDefinition(String key, int version, Map<String, ?> definition) {
        String where = "Dataset '" + key + "' version " + version + ": ";
        if (definition == null) {
            throw new IllegalArgumentException(where + "has no definition");
        }
        if (!(definition.get("fields") instanceof List<?> rawFields) || rawFields.isEmpty()) {
            throw new IllegalArgumentException(where + "definition.fields must be a non-empty array");
        }
        Map<String, Field> fields = new LinkedHashMap<>();
        for (int i = 0; i < rawFields.size(); i++) {
            Field f = field(rawFields.get(i), where + "definition.fields[" + i + "]");
            if (fields.putIfAbsent(f.name(), f) != null) {
                throw new IllegalArgumentException(where + "field '" + f.name() + "' is defined twice");
            }
        }
        if (!(definition.get("primaryKey") instanceof List<?> rawKey) || rawKey.isEmpty()) {
            throw new IllegalArgumentException(where + "definition.primaryKey must be a non-empty array");
        }
        List<Field> primaryKey = new ArrayList<>();
        for (Object name : rawKey) {
            Field f = name instanceof String s ? fields.get(s) : null;
            if (f == null) {
                throw new IllegalArgumentException(where + "primary key names no field of the dataset: " + name);
            }
            if (primaryKey.contains(f)) {
                throw new IllegalArgumentException(where + "primary key names field '" + f.name() + "' twice");
            }
            primaryKey.add(f);
        }
        Field eventTime = null;
        Object rawEventTime = definition.get("eventTimeField");
        if (rawEventTime != null) {
            eventTime = rawEventTime instanceof String s ? fields.get(s) : null;
            if (eventTime == null) {
                throw new IllegalArgumentException(where + "eventTimeField names no field of the dataset: " + rawEventTime);
            }
            if (!eventTime.type().isTemporal()) {
                throw new IllegalArgumentException(where + "eventTimeField '" + eventTime.name()
                        + "' must be a DATE or TIMESTAMP field");
            }
        }
        Object rawSource = definition.get("sourceSystem");
        String sourceSystem = rawSource instanceof String s && !s.isBlank() ? s : null;
        return new DatasetSchema(key, version, sourceSystem, fields, primaryKey, eventTime);
    }

    private static Field field(Object raw, String where) {
        if (!(raw instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException(where + " must be an object");
        }
        if (!(m.get("name") instanceof String name) || name.isBlank() || OPERATION_FIELD.equals(name)) {
            throw new IllegalArgumentException(where + ".name must be a field name");
        }
        FieldType type;
        try {
            type = FieldType.valueOf(String.valueOf(m.get("type")));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ".type must be one of " + List.of(FieldType.values())
                    + ", not " + m.get("type"));
        }
        Object required = m.get("required");
        if (required != null && !(required instanceof Boolean)) {
            throw new IllegalArgumentException(where + ".required must be true or false");
        }
        return new Field(name, type, Boolean.TRUE.equals(required));
    }

    public String key() {
        return key;
    }

    public int version() {
        return version;
    }

    /** The system the dataset's records come from, per its definition; null when it names none. */
    public String sourceSystem() {
        return sourceSystem;
    }

    /** The fields by name, in definition order. */
    public Map<String, Field> fields() {
        return fields;
    }

    public List<String> primaryKey() {
        return primaryKey.stream().map(Field::name).toList();
    }

    /** The name of the event-time field, or null. */
    public String eventTimeField() {
        return eventTimeField == null ? null : eventTimeField.name();
    }

    /**
     * Checks one incoming record (a value as Jackson reads JSON with big decimals for floats) and converts it.
     * Every problem is reported, each naming its field: the record is not a JSON object, an unknown field, a missing
     * required field, a value of the wrong type, an unparsable date or timestamp, a bad {@value #OPERATION_FIELD},
     * a delete that carries more than its key, a value the mapping could not compute ({@link FailedValue}).
     *
     * @param zone the zone of timestamps written without an offset, and of the day a DATE event time starts
     */
    public RecordCheck check(Object record, ZoneId zone) {
        if (!(record instanceof Map<?, ?> in)) {
            return new RecordCheck.Rejected(null, "a record must be a JSON object, not " + FieldType.describe(record));
        }
        List<String> problems = new ArrayList<>();
        RecordOperation operation = operation(in, problems);
        for (Object name : in.keySet()) {
            if (OPERATION_FIELD.equals(name)) {
                continue;
            }
            Field f = fields.get(name);
            if (f == null) {
                problems.add("unknown field '" + name + "'");
            } else if (operation == RecordOperation.DELETE && !primaryKey.contains(f) && in.get(name) != null) {
                problems.add("field '" + name + "' is not allowed in a delete, which carries only the primary key "
                        + primaryKey());
            }
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (Field f : operation == RecordOperation.DELETE ? primaryKey : fields.values()) {
            Object raw = in.get(f.name());
            if (raw instanceof FailedValue failed) {
                problems.add("field '" + f.name() + "' " + failed.reason());
                continue;
            }
            if (raw == null) {
                if (f.required() || primaryKey.contains(f)) {
                    problems.add("missing required field '" + f.name() + "'");
                }
                continue;
            }
            try {
                values.put(f.name(), f.type().convert(raw, zone));
            } catch (InvalidValueException e) {
                problems.add("field '" + f.name() + "' " + e.getMessage());
            }
        }
        String key = primaryKeyOf(values);
        if (!problems.isEmpty()) {
            return new RecordCheck.Rejected(key, String.join("; ", problems));
        }
        if (operation == RecordOperation.DELETE) {
            return new RecordCheck.Accepted(RecordOperation.DELETE, key, null, null);
        }
        return new RecordCheck.Accepted(RecordOperation.UPSERT, key, values, eventTime(values, zone));
    }

    /**
     * The primary key string of converted values: the key fields' canonical texts joined with {@code |} in key order
     * (a {@code |} or {@code \} inside a value is escaped with {@code \}, so that different keys never collide).
     * Null when a key field has no valid value.
     */
    public String primaryKeyOf(Map<String, Object> values) {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < primaryKey.size(); k++) {
            Field f = primaryKey.get(k);
            Object v = values.get(f.name());
            if (v == null) {
                return null;
            }
            if (k > 0) {
                sb.append(KEY_SEPARATOR);
            }
            String text = f.type().keyText(v);
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == KEY_SEPARATOR || c == '\\') {
                    sb.append('\\');
                }
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static RecordOperation operation(Map<?, ?> in, List<String> problems) {
        if (!in.containsKey(OPERATION_FIELD)) {
            return RecordOperation.UPSERT;
        }
        Object op = in.get(OPERATION_FIELD);
        if (op instanceof String s) {
            switch (s.toLowerCase(Locale.ROOT)) {
                case "upsert":
                    return RecordOperation.UPSERT;
                case "delete":
                    return RecordOperation.DELETE;
                default:
                    break;
            }
        }
        problems.add("field '" + OPERATION_FIELD + "' must be \"upsert\" or \"delete\", not " + FieldType.describe(op));
        return RecordOperation.UPSERT;
    }

    private OffsetDateTime eventTime(Map<String, Object> values, ZoneId zone) {
        if (eventTimeField == null) {
            return null;
        }
        Object v = values.get(eventTimeField.name());
        if (v instanceof LocalDate d) {
            return d.atStartOfDay(zone).toOffsetDateTime();
        }
        return (OffsetDateTime) v;
    }
}
