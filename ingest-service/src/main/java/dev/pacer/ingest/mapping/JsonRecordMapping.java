package dev.pacer.ingest.mapping;

import dev.pacer.ingest.catalog.DatasetSchema;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Which value of a JSON document feeds which dataset field: the mapping's path (field → {@link FieldPath}) first, then
 * the member of the field's own name (exactly, else ignoring case). Members that feed no field are ignored, as
 * SaaS payloads carry much more than a dataset needs; values keep their JSON type for the schema to check. A
 * top-level {@code _op} (e.g. {@code "delete"}) is passed on.
 */
public final class JsonRecordMapping {
    private static final String OP = DatasetSchema.OPERATION_FIELD;

    private final DatasetSchema schema;
    private final Map<String, FieldPath> paths;

    private JsonRecordMapping(DatasetSchema schema, Map<String, FieldPath> paths) {
        this.schema = schema;
        this.paths = paths;
    }

    /**
     * @param mapping dataset field → path in the document
     * @throws IllegalArgumentException naming the field whose path is malformed or which the dataset lacks
     */
    public static JsonRecordMapping of(DatasetSchema schema, Map<String, String> mapping) {
        Map<String, FieldPath> paths = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : mapping.entrySet()) {
            if (!schema.fields().containsKey(e.getKey())) {
                throw new IllegalArgumentException("mapping names field '" + e.getKey() + "', which dataset '"
                        + schema.key() + "' does not have");
            }
            try {
                paths.put(e.getKey(), FieldPath.parse(e.getValue()));
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException("mapping of field '" + e.getKey() + "': path " + ex.getMessage());
            }
        }
        return new JsonRecordMapping(schema, paths);
    }

    /** The record input of a JSON value: an object is mapped; anything else is passed on for the schema to refuse. */
    public Object record(Object document) {
        if (!(document instanceof Map<?, ?> object)) {
            return document;
        }
        Map<String, Object> record = new LinkedHashMap<>();
        if (object.get(OP) != null) {
            record.put(OP, object.get(OP));
        }
        for (String field : schema.fields().keySet()) {
            FieldPath path = paths.get(field);
            Object value = path != null ? path.get(object) : member(object, field);
            if (value != null) {
                record.put(field, value);
            }
        }
        return record;
    }

    private static Object member(Map<?, ?> object, String field) {
        Object exact = object.get(field);
        if (exact != null) {
            return exact;
        }
        for (Map.Entry<?, ?> e : object.entrySet()) {
            if (e.getKey() instanceof String k && k.toLowerCase(Locale.ROOT).equals(field.toLowerCase(Locale.ROOT))) {
                return e.getValue();
            }
        }
        return null;
    }
}
