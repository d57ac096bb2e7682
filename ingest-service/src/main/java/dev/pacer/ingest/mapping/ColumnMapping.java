package dev.pacer.ingest.mapping;

import dev.pacer.ingest.catalog.DatasetSchema;
import dev.pacer.ingest.catalog.FieldType;
import dev.pacer.ingest.jdbc.JdbcValues;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which source column feeds which dataset field: the explicit mapping (field → column) first, then every other
 * field from the column of the same name (ignoring case). Columns that feed no field (a cursor column, say) are
 * ignored; a field without a column is simply absent, for the schema to report when it is required. Shared by
 * the connectors: JDBC rows and CSV lines.
 */
public final class ColumnMapping {

    /** One field and the 0-based index of the column it is read from. */
    public record Binding(String field, FieldType type, int column) {
    }

    private final List<Binding> bindings;

    private ColumnMapping(List<Binding> bindings) {
        this.bindings = List.copyOf(bindings);
    }

    /**
     * @param columns the source's column labels, in order
     * @throws IllegalArgumentException naming the mapping entry when it names an unknown field or column
     */
    public static ColumnMapping resolve(DatasetSchema schema, List<String> columns, Map<String, String> mapping) {
        Map<String, Integer> byName = new LinkedHashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            byName.putIfAbsent(columns.get(i).toLowerCase(Locale.ROOT), i);
        }
        List<Binding> bindings = new ArrayList<>();
        for (Map.Entry<String, String> e : mapping.entrySet()) {
            DatasetSchema.Field f = schema.fields().get(e.getKey());
            if (f == null) {
                throw new IllegalArgumentException("mapping names field '" + e.getKey() + "', which dataset '"
                        + schema.key() + "' does not have");
            }
            Integer column = columnOf(columns, byName, e.getValue());
            if (column == null) {
                throw new IllegalArgumentException("mapping of field '" + e.getKey() + "' names column '" + e.getValue()
                        + "', which the source does not return; its columns are " + columns);
            }
            bindings.add(new Binding(f.name(), f.type(), column));
        }
        for (DatasetSchema.Field f : schema.fields().values()) {
            if (mapping.containsKey(f.name())) {
                continue;
            }
            Integer column = byName.get(f.name().toLowerCase(Locale.ROOT));
            if (column != null) {
                bindings.add(new Binding(f.name(), f.type(), column));
            }
        }
        return new ColumnMapping(bindings);
    }

    private static Integer columnOf(List<String> columns, Map<String, Integer> byName, String column) {
        int exact = columns.indexOf(column);
        return exact >= 0 ? Integer.valueOf(exact) : byName.get(column.toLowerCase(Locale.ROOT));
    }

    public List<Binding> bindings() {
        return bindings;
    }

    /**
     * The record input of one row of cells by 0-based column (a CSV line, an XLSX row): text converted for its field by
     * {@code conversions}, typed cells (numbers, booleans, dates of a spreadsheet) as JDBC values are; empty and null
     * cells are left out.
     */
    public Map<String, Object> record(Object[] row, TextConversions conversions) {
        Map<String, Object> record = new LinkedHashMap<>();
        for (Binding b : bindings) {
            Object cell = b.column() < row.length ? row[b.column()] : null;
            Object v = cell instanceof String text ? conversions.toInput(text, b.type())
                    : JdbcValues.toInput(cell, b.type());
            if (v != null) {
                record.put(b.field(), v);
            }
        }
        return record;
    }

    /** The record input of one row (JDBC values by 0-based column), as a push would carry it. */
    public Map<String, Object> record(Object[] row) {
        Map<String, Object> record = new LinkedHashMap<>();
        for (Binding b : bindings) {
            Object v = JdbcValues.toInput(row[b.column()], b.type());
            if (v != null) {
                record.put(b.field(), v);
            }
        }
        return record;
    }
}
