package dev.pacer.metric.expression;

/** The type of an expression's value. NULL is the type of the literal null, compatible with every other. */
public enum ValueType {
    NUMBER, STRING, BOOLEAN, DATE, TIMESTAMP, NULL;

    boolean accepts(ValueType other) {
        return this == other || this == NULL || other == NULL
                || (isTemporal() && other.isTemporal());
    }

    boolean isTemporal() {
        return this == DATE || this == TIMESTAMP;
    }

    String article() {
        return switch (this) {
            case NUMBER -> "a number";
            case STRING -> "a string";
            case BOOLEAN -> "a condition";
            case DATE -> "a date";
            case TIMESTAMP -> "a timestamp";
            case NULL -> "null";
        };
    }
}
