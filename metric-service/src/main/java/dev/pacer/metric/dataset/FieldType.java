package dev.pacer.metric.dataset;

/** The type of a dataset field, as records carry it. */
public enum FieldType {
    STRING, INTEGER, DECIMAL, BOOLEAN, DATE, TIMESTAMP;

    public boolean isTemporal() {
        return this == DATE || this == TIMESTAMP;
    }
}
