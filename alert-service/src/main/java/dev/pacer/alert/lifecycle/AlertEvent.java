package dev.pacer.alert.lifecycle;

import dev.pacer.alert.rule.Breach;
import dev.pacer.events.AlertState;
import java.time.Instant;

/** What applying an evaluation, the passing of time or an acknowledgement caused; to be published or acted on. */
public sealed interface AlertEvent permits AlertEvent.StateChanged, AlertEvent.Acknowledged, AlertEvent.Notify {

    String alertId();

    String fingerprint();

    Instant at();

    /** The alert changed state; published as {@code AlertStateChanged} (see {@link Alert#toPublished}). */
    record StateChanged(String alertId, String fingerprint, AlertState from, AlertState to, String reason,
            Breach evidence, boolean acknowledged, Instant at) implements AlertEvent {
    }

    /** The alert was acknowledged; published as {@code AlertStateChanged} with {@code acknowledged = true}. */
    record Acknowledged(String alertId, String fingerprint, AlertState state, Acknowledgement acknowledgement)
            implements AlertEvent {
        @Override
        public Instant at() {
            return acknowledgement.at();
        }
    }

    /**
     * Tell people: only on a transition to FIRING, and to RESOLVED from FIRING. Routing, silences and grouping decide
     * who (if anyone) is told.
     */
    record Notify(String alertId, String fingerprint, AlertState state, String reason, Breach evidence, Instant at)
            implements AlertEvent {
    }
}
