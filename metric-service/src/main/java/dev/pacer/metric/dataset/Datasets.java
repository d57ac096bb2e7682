package dev.pacer.metric.dataset;

import dev.pacer.metric.expression.ValueType;
import dev.pacer.platform.problem.Problem.FieldError;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The rules a dataset definition must follow, checked without any framework. */
public final class Datasets {
    /** Keys and field names: lower-case identifiers, safe to use in expressions. */
    public static final String NAME_PATTERN = "^[a-z][a-z0-9_]{0,62}$";

    private Datasets() {
    }

    /** Every rule the definition breaks, each naming its field; empty when it is valid. */
    public static List<FieldError> violations(DatasetDefinition d) {
        List<FieldError> errors = new ArrayList<>();
        Map<String, DatasetField> byName = new HashMap<>();
        Set<String> duplicates = new HashSet<>();
        List<DatasetField> fields = d.fields() == null ? List.of() : d.fields();
        for (int i = 0; i < fields.size(); i++) {
            DatasetField f = fields.get(i);
            if (f != null && f.name() != null && byName.putIfAbsent(f.name(), f) != null && duplicates.add(f.name())) {
                errors.add(new FieldError("fields[" + i + "].name", "duplicates field '" + f.name() + "'"));
            }
        }
        List<String> pk = d.primaryKey() == null ? List.of() : d.primaryKey();
        for (int i = 0; i < pk.size(); i++) {
            DatasetField f = byName.get(pk.get(i));
            if (f == null) {
                errors.add(new FieldError("primaryKey[" + i + "]", "names no field of the dataset: '" + pk.get(i) + "'"));
            } else if (!f.required()) {
                errors.add(new FieldError("primaryKey[" + i + "]", "field '" + f.name() + "' must be required"));
            }
        }
        if (new HashSet<>(pk).size() != pk.size()) {
            errors.add(new FieldError("primaryKey", "names a field twice"));
        }
        if (d.eventTimeField() != null) {
            DatasetField f = byName.get(d.eventTimeField());
            if (f == null) {
                errors.add(new FieldError("eventTimeField", "names no field of the dataset: '" + d.eventTimeField() + "'"));
            } else if (!f.type().isTemporal()) {
                errors.add(new FieldError("eventTimeField", "field '" + f.name() + "' must be a DATE or TIMESTAMP"));
            }
        }
        return errors;
    }

    /** The dataset's fields as the expression language types them. */
    public static Map<String, ValueType> expressionTypes(DatasetDefinition d) {
        Map<String, ValueType> types = new LinkedHashMap<>();
        for (DatasetField f : d.fields()) {
            types.put(f.name(), switch (f.type()) {
                case STRING -> ValueType.STRING;
                case INTEGER, DECIMAL -> ValueType.NUMBER;
                case BOOLEAN -> ValueType.BOOLEAN;
                case DATE -> ValueType.DATE;
                case TIMESTAMP -> ValueType.TIMESTAMP;
            });
        }
        return types;
    }
}
