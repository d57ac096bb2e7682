package dev.pacer.metric.expression;

import java.util.Optional;

/**
 * How the compiler reads a field: its type, and the SQL that yields its value. The SQL must take the field name
 * only as a bind parameter (see {@link #jsonb(String, java.util.function.Function)}).
 */
public interface FieldAccess {
    /** The field's type, or empty when the dataset has no such field. */
    Optional<ValueType> typeOf(String field);

    /** SQL for the field's value, typed by {@code typeOf}. */
    Sql read(String field, ValueType type);

    /**
     * Fields kept in a {@code jsonb} column: {@code (<column> ->> ?)::<type>} with the field name bound.
     * {@code column} is chosen by our code (e.g. {@code f.fields}), never by the user.
     */
    static FieldAccess jsonb(String column, java.util.function.Function<String, Optional<ValueType>> types) {
        return new FieldAccess() {
            @Override
            public Optional<ValueType> typeOf(String field) {
                return types.apply(field);
            }

            @Override
            public Sql read(String field, ValueType type) {
                String cast = switch (type) {
                    case NUMBER -> "::numeric";
                    case BOOLEAN -> "::boolean";
                    case DATE -> "::date";
                    case TIMESTAMP -> "::timestamptz";
                    default -> "";
                };
                return new Sql("(" + column + " ->> ?)" + cast, java.util.List.of(field), type);
            }
        };
    }
}
