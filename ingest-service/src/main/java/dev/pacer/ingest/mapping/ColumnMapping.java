package dev.pacer.ingest.mapping;

import dev.pacer.ingest.catalog.DatasetSchema;
import dev.pacer.ingest.catalog.FieldType;
import dev.pacer.ingest.jdbc.JdbcValues;
import dev.pacer.platform.expression.ExpressionException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which source column feeds which dataset field: the explicit mapping (field → column, or field → {@code =expression}
 * over the row's columns, see {@link MappingExpression}) first, then every other field from the column of the same
 * name (ignoring case). Columns that feed no field (a cursor column, say) are ignored; a field without a column is
 * simply absent, for the schema to report when it is required. Shared by the connectors: JDBC rows, CSV lines and
 * XLSX rows. Expressions are compiled once here and evaluated per row; a row they cannot be evaluated on gets a
 * {@link dev.pacer.ingest.catalog.FailedValue} for the schema to refuse it with.
 */
public final class ColumnMapping {

    /** One field and the 0-based index of the column it is read from. */
    public record Binding(String field, FieldType type, int column) {
    }

    /** One field computed by an expression, and the 0-based column of each name the expression reads. */
    public record Computed(String field, FieldType type, MappingExpression expression, Map<String, Integer> columns) {
    }

    private final List<Binding> bindings;
    private final List<Computed> computed;

    private ColumnMapping(List<Binding> bindings, List<Computed> computed) {
        this.bindings = List.copyOf(bindings);
        this.computed = List.copyOf(computed);
    }

    /**
     * @param columns the source's column labels, in order
     * @throws MappingException naming the mapping entry when it names an unknown field or column, or its expression
     *                          does not parse
     */
    public static ColumnMapping resolve(DatasetSchema schema, List<String> columns, Map<String, String> mapping) {
        Map<String, Integer> byName = new LinkedHashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            byName.putIfAbsent(columns.get(i).toLowerCase(Locale.ROOT), i);
        }
        List<Binding> bindings = new ArrayList<>();
        List<Computed> computed = new ArrayList<>();
        for (Map.Entry<String, String> e : mapping.entrySet()) {
            DatasetSchema.Field f = schema.fields().get(e.getKey());
            if (f == null) {
                throw new MappingException(e.getKey(), "mapping names field '" + e.getKey() + "', which dataset '"
                        + schema.key() + "' does not have");
            }
            if (MappingExpression.isExpression(e.getValue())) {
                MappingExpression expression = compile(f.name(), e.getValue());
                Map<String, Integer> read = new LinkedHashMap<>();
                for (String name : expression.names()) {
                    Integer column = columnOf(columns, byName, name);
                    if (column == null) {
                        throw new MappingException(f.name(), "the expression of field '" + f.name()
                                + "' reads column '" + name + "', which the source does not return; its columns are "
                                + columns);
                    }
                    read.put(name, column);
                }
                computed.add(new Computed(f.name(), f.type(), expression, Map.copyOf(read)));
                continue;
            }
            Integer column = columnOf(columns, byName, e.getValue());
            if (column == null) {
                throw new MappingException(e.getKey(), "mapping of field '" + e.getKey() + "' names column '"
                        + e.getValue() + "', which the source does not return; its columns are " + columns);
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
        return new ColumnMapping(bindings, computed);
    }

    /**
     * Compiles the expression of one mapping entry.
     *
     * @throws MappingException naming the field, with the parser's message and position
     */
    public static MappingExpression compile(String field, String expression) {
        try {
            return MappingExpression.compile(expression);
        } catch (ExpressionException e) {
            throw new MappingException(field, "the expression of field '" + field + "' is invalid: " + e.getMessage());
        }
    }

    private static Integer columnOf(List<String> columns, Map<String, Integer> byName, String column) {
        int exact = columns.indexOf(column);
        return exact >= 0 ? Integer.valueOf(exact) : byName.get(column.toLowerCase(Locale.ROOT));
    }

    public List<Binding> bindings() {
        return bindings;
    }

    public List<Computed> computed() {
        return computed;
    }

    /**
     * The record input of one row of cells by 0-based column (a CSV line, an XLSX row): text converted for its field by
     * {@code conversions}, typed cells (numbers, booleans, dates of a spreadsheet) as JDBC values are; empty and null
     * cells are left out. Computed fields read their columns' cells, typed by context (see {@link MappingExpression}).
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
        compute(row, conversions, record);
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
        compute(row, TextConversions.DEFAULT, record);
        return record;
    }

    private void compute(Object[] row, TextConversions conversions, Map<String, Object> record) {
        for (Computed c : computed) {
            Object v = c.expression().input(name -> {
                int column = c.columns().get(name);
                return column < row.length ? row[column] : null;
            }, c.type(), conversions);
            if (v != null) {
                record.put(c.field(), v);
            }
        }
    }
}
