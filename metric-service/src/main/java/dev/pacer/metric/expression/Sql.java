package dev.pacer.metric.expression;

import java.util.ArrayList;
import java.util.List;

/**
 * A piece of SQL with its bind parameters, in order. The text holds only keywords, operators, casts and {@code ?}
 * placeholders written by {@link SqlCompiler}; every value a user typed, and every field name, is a parameter.
 */
public record Sql(String text, List<Object> params, ValueType type) {
    public Sql {
        params = List.copyOf(new ArrayList<>(params));
    }
}
