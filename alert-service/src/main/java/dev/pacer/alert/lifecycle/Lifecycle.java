package dev.pacer.alert.lifecycle;

import dev.pacer.events.AlertState;

/**
 * The legal transitions of an alert. {@code null} is "never active". A new cycle starts from nothing or RESOLVED and
 * goes to PENDING (or straight to FIRING when the pending duration is zero); PENDING goes on to FIRING, or to RESOLVED
 * when the breach ends early; FIRING goes only to RESOLVED. Nothing goes back to PENDING from FIRING, nothing stays
 * where it is, and nothing is resolved that was never active.
 */
public final class Lifecycle {
    private Lifecycle() {
    }

    public static boolean allowed(AlertState from, AlertState to) {
        if (to == null) {
            return false;
        }
        if (from == null || from == AlertState.RESOLVED) {
            return to == AlertState.PENDING || to == AlertState.FIRING;
        }
        if (from == AlertState.PENDING) {
            return to == AlertState.FIRING || to == AlertState.RESOLVED;
        }
        return to == AlertState.RESOLVED; // from FIRING
    }

    /** @throws IllegalTransitionException if the transition is not legal */
    public static void check(AlertState from, AlertState to) {
        if (!allowed(from, to)) {
            throw new IllegalTransitionException(from, to);
        }
    }

    /** An attempt to move an alert along a transition the lifecycle forbids. */
    public static final class IllegalTransitionException extends IllegalStateException {
        public IllegalTransitionException(AlertState from, AlertState to) {
            super("Illegal alert transition " + (from == null ? "(inactive)" : from) + " -> " + to);
        }
    }
}
