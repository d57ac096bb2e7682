package dev.pacer.ingest.mapping;

import dev.pacer.ingest.catalog.DatasetSchema;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Which value of a JSON document feeds which dataset field: the mapping's path (field → {@link FieldPath}) or
 * expression (field → {@code =expression} whose names are paths, see {@link MappingExpression}) first, then the member
 * of the field's own name (exactly, else ignoring case). Members that feed no field are ignored, as SaaS payloads
 * carry much more than a dataset needs; values read by a path keep their JSON type for the schema to check, computed
 * values are converted to their field's type as text cells are. A top-level {@code _op} (e.g. {@code "delete"}) is
 * passed on; a delete gets computed values for its primary key fields only.
 */
public final class JsonRecordMapping {
    private static final String OP = DatasetSchema.OPERATION_FIELD;

    /** An expression and the path of each name it reads. */
    private record Computed(MappingExpression expression, Map<String, FieldPath> paths) {
    }

    private final DatasetSchema schema;
    private final Map<String, FieldPath> paths;
    private final Map<String, Computed> computed;
    private final TextConversions conversions;

    private JsonRecordMapping(DatasetSchema schema, Map<String, FieldPath> paths, Map<String, Computed> computed,
            TextConversions conversions) {
        this.schema = schema;
        this.paths = paths;
        this.computed = computed;
        this.conversions = conversions;
    }

    /**
     * A mapping whose computed text is read with the default conversions (ISO dates, a decimal point).
     *
     * @param mapping dataset field → path in the document, or {@code =expression} over paths
     * @throws MappingException naming the field whose path or expression is malformed or which the dataset lacks
     */
    public static JsonRecordMapping of(DatasetSchema schema, Map<String, String> mapping) {
        return of(schema, mapping, TextConversions.DEFAULT);
    }

    /**
     * @param mapping     dataset field → path in the document, or {@code =expression} over paths
     * @param conversions how expressions read text values, and how computed text becomes a field's value
     * @throws MappingException naming the field whose path or expression is malformed or which the dataset lacks
     */
    public static JsonRecordMapping of(DatasetSchema schema, Map<String, String> mapping,
            TextConversions conversions) {
        Map<String, FieldPath> paths = new LinkedHashMap<>();
        Map<String, Computed> computed = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : mapping.entrySet()) {
            String field = e.getKey();
            if (!schema.fields().containsKey(field)) {
                throw new MappingException(field, "mapping names field '" + field + "', which dataset '"
                        + schema.key() + "' does not have");
            }
            if (MappingExpression.isExpression(e.getValue())) {
                MappingExpression expression = ColumnMapping.compile(field, e.getValue());
                Map<String, FieldPath> read = new LinkedHashMap<>();
                for (String name : expression.names()) {
                    read.put(name, path(field, name, "the expression of field '" + field + "' reads path "));
                }
                computed.put(field, new Computed(expression, Map.copyOf(read)));
            } else {
                paths.put(field, path(field, e.getValue(), "mapping of field '" + field + "': path "));
            }
        }
        return new JsonRecordMapping(schema, paths, computed, conversions);
    }

    private static FieldPath path(String field, String path, String what) {
        try {
            return FieldPath.parse(path);
        } catch (IllegalArgumentException ex) {
            throw new MappingException(field, what + ex.getMessage());
        }
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
        boolean delete = object.get(OP) instanceof String op && "delete".equalsIgnoreCase(op);
        for (DatasetSchema.Field field : schema.fields().values()) {
            Computed c = computed.get(field.name());
            Object value;
            if (c != null && delete && !schema.primaryKey().contains(field.name())) {
                continue; // a delete carries its key only; a computed value (a constant, say) is not the sender's
            } else if (c != null) {
                value = c.expression().input(name -> c.paths().get(name).get(object), field.type(), conversions);
            } else {
                FieldPath path = paths.get(field.name());
                value = path != null ? path.get(object) : member(object, field.name());
            }
            if (value != null) {
                record.put(field.name(), value);
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
