package dev.pacer.ingest.catalog;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The value of a field that a mapping could not compute from its source row (an expression met a cell that is not a
 * number, a division by zero, …). It stands in the record for the schema to refuse the record with the field's name
 * and this reason, so the row is quarantined like any other invalid one; it is written as {@code null} (a stored or
 * previewed record shows the field without a value, the reason says why).
 *
 * @param reason completes "field 'x' …", e.g. {@code could not be computed: 'quantity' is not a number: "12x"}
 */
public record FailedValue(String reason) {
    @JsonValue
    public Object json() {
        return null;
    }
}
