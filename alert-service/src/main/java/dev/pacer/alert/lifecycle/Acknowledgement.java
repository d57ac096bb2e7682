package dev.pacer.alert.lifecycle;

import java.time.Instant;
import java.util.Objects;

/** Someone has seen the alert and is on it. */
public record Acknowledgement(String by, String note, Instant at) {
    public Acknowledgement {
        if (by == null || by.isBlank()) {
            throw new IllegalArgumentException("by must not be blank");
        }
        note = note == null ? "" : note;
        Objects.requireNonNull(at, "at");
    }
}
