package dev.pacer.alert.lifecycle;

import dev.pacer.alert.rule.Breach;
import java.time.Instant;
import java.util.Objects;

/**
 * One verdict of a rule on a subject, at the event time of what was evaluated.
 *
 * @param eventId the id of the event evaluated (for de-duplication); null if there is none (a scheduled check)
 * @param at      the event time (or the scheduler clock's instant); the alert's only notion of time
 */
public record Evaluation(String eventId, Instant at, Breach breach) {
    public Evaluation {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(breach, "breach");
    }
}
