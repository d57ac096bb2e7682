package dev.pacer.alert.lifecycle;

import dev.pacer.alert.rule.Breach;
import dev.pacer.events.AlertState;

/**
 * One entry of an alert's state history.
 *
 * @param cycle    which pending→…→resolved cycle of the fingerprint (1 for the first)
 * @param from     the state before; null for the first transition of an alert that never was active
 * @param evidence the verdict that caused it (for a timed transition, the last verdict seen)
 */
public record Transition(int cycle, java.time.Instant at, AlertState from, AlertState to, String reason,
        Breach evidence) {
}
