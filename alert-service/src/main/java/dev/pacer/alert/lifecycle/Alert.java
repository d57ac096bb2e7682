package dev.pacer.alert.lifecycle;

import dev.pacer.alert.rule.AlertRule;
import dev.pacer.alert.rule.Breach;
import dev.pacer.events.AlertState;
import dev.pacer.events.AlertStateChanged;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The alert of one rule on one subject, keyed by its {@link Fingerprint}: the aggregate that enforces
 * pending → firing → resolved.
 * <ul>
 * <li>A breach starts a cycle in PENDING; it FIRES once the breach has lasted the rule's pending duration (checked on
 * each evaluation and on {@link #tick}). A clear verdict while PENDING resolves it quietly: nobody is notified.</li>
 * <li>A FIRING alert RESOLVES only once the condition has been clear for the keep-firing duration; a breach in
 * between restarts that wait, so a flapping condition does not flap the alert.</li>
 * <li>A breach while RESOLVED starts a new cycle (a new alert id) in PENDING.</li>
 * <li>Time is only ever the evaluation's {@code at} or the instant passed to {@link #tick}; earlier instants than the
 * latest seen are ignored as late. An evaluation already applied (same event id, or same instant and value) is
 * ignored, so re-delivered events cause no second transition and no second notification.</li>
 * </ul>
 * Each method returns the {@link AlertEvent}s it caused, in order; {@link AlertEvent.Notify} only on transitions to
 * FIRING and to RESOLVED from FIRING. Not thread-safe: one subject's evaluations are applied one at a time.
 */
public final class Alert {
    /** How many recent event ids are remembered for de-duplication. */
    static final int REMEMBERED_EVENT_IDS = 1024;

    private final AlertRule rule;
    private final AlertSubject subject;
    private final String fingerprint;
    private final List<Transition> history = new ArrayList<>();
    private final LinkedHashSet<String> seenEventIds = new LinkedHashSet<>();

    private AlertState state;
    private int cycle;
    private Instant pendingSince;
    private Instant firingSince;
    private Instant clearSince;
    private Acknowledgement acknowledgement;
    private Breach lastEvidence;
    private Instant latest;
    private Instant lastEvaluationAt;
    private java.math.BigDecimal lastEvaluationValue;
    private Instant lastChangeAt;

    private Alert(AlertRule rule, AlertSubject subject) {
        this.rule = Objects.requireNonNull(rule, "rule");
        this.subject = Objects.requireNonNull(subject, "subject");
        this.fingerprint = Fingerprint.of(rule.id(), subject);
    }

    /** The alert of {@code rule} on {@code subject}, never active yet. */
    public static Alert of(AlertRule rule, AlertSubject subject) {
        return new Alert(rule, subject);
    }

    /**
     * The state an alert needs to go on where it left off, e.g. after being stored: everything but its history (kept
     * by whoever stores the transitions) and the remembered event ids (the store de-duplicates events by id).
     */
    public record Snapshot(AlertState state, int cycle, Instant pendingSince, Instant firingSince, Instant clearSince,
            Acknowledgement acknowledgement, Breach lastEvidence, Instant latest, Instant lastEvaluationAt,
            java.math.BigDecimal lastEvaluationValue, Instant lastChangeAt) {
    }

    /** The alert of {@code rule} on {@code subject}, continuing from {@code snapshot}. */
    public static Alert restore(AlertRule rule, AlertSubject subject, Snapshot snapshot) {
        Alert a = new Alert(rule, subject);
        a.state = snapshot.state();
        a.cycle = snapshot.cycle();
        a.pendingSince = snapshot.pendingSince();
        a.firingSince = snapshot.firingSince();
        a.clearSince = snapshot.clearSince();
        a.acknowledgement = snapshot.acknowledgement();
        a.lastEvidence = snapshot.lastEvidence();
        a.latest = snapshot.latest();
        a.lastEvaluationAt = snapshot.lastEvaluationAt();
        a.lastEvaluationValue = snapshot.lastEvaluationValue();
        a.lastChangeAt = snapshot.lastChangeAt();
        return a;
    }

    public Snapshot snapshot() {
        return new Snapshot(state, cycle, pendingSince, firingSince, clearSince, acknowledgement, lastEvidence, latest,
                lastEvaluationAt, lastEvaluationValue, lastChangeAt);
    }

    /**
     * When {@link #tick} will move the alert if nothing else happens first: a PENDING alert fires at the end of its
     * pending duration, a FIRING alert whose condition is clear resolves at the end of its keep-firing duration.
     */
    public Optional<Instant> dueAt() {
        if (state == AlertState.PENDING) {
            return Optional.of(pendingSince.plus(rule.pendingFor()));
        }
        if (state == AlertState.FIRING && clearSince != null) {
            return Optional.of(clearSince.plus(rule.keepFiringFor()));
        }
        return Optional.empty();
    }

    /** Applies one verdict of the rule on this subject. */
    public List<AlertEvent> apply(Evaluation e) {
        if (isDuplicate(e) || isLate(e.at())) {
            return List.of();
        }
        remember(e);
        Breach b = e.breach();
        if (!b.applicable()) {
            return List.of();
        }
        List<AlertEvent> out = new ArrayList<>();
        // An event stamped before a transition a tick made takes effect at that transition, so history stays ordered.
        Instant at = lastChangeAt != null && e.at().isBefore(lastChangeAt) ? lastChangeAt : e.at();
        if (b.breached()) {
            onBreach(at, b, out);
        } else {
            onClear(at, b, out);
        }
        return out;
    }

    /**
     * Lets time pass to {@code now} without a new verdict: a PENDING alert whose breach has lasted the pending
     * duration fires; a FIRING alert clear for the keep-firing duration resolves. An instant before the latest
     * evaluation changes nothing. A tick does not make later evaluations late: ticks come from the scheduler's clock,
     * evaluations carry their events' time, and an event stamped a moment before a tick must still count.
     */
    public List<AlertEvent> tick(Instant now) {
        Objects.requireNonNull(now, "now");
        if (isLate(now)) {
            return List.of();
        }
        List<AlertEvent> out = new ArrayList<>();
        if (state == AlertState.PENDING) {
            firePendingIfDue(now, lastEvidence, "still breached at " + now, out);
        } else if (state == AlertState.FIRING && clearSince != null) {
            resolveFiringIfDue(now, lastEvidence, out);
        }
        return out;
    }

    /**
     * Someone acknowledges the alert. Idempotent: acknowledging an acknowledged alert changes nothing and returns no
     * event (the first acknowledgement is kept). A new cycle starts unacknowledged.
     *
     * @throws IllegalStateException unless the alert is PENDING or FIRING
     */
    public List<AlertEvent> acknowledge(String by, String note, Instant at) {
        if (state != AlertState.PENDING && state != AlertState.FIRING) {
            throw new IllegalStateException("Only a pending or firing alert can be acknowledged; " + fingerprint
                    + " is " + (state == null ? "inactive" : state));
        }
        if (acknowledgement != null) {
            return List.of();
        }
        acknowledgement = new Acknowledgement(by, note, at);
        return List.of(new AlertEvent.Acknowledged(alertId(), fingerprint, state, acknowledgement));
    }

    private void onBreach(Instant at, Breach b, List<AlertEvent> out) {
        lastEvidence = b;
        if (state == null || state == AlertState.RESOLVED) {
            cycle++;
            acknowledgement = null;
            pendingSince = at;
            firingSince = null;
            clearSince = null;
            if (rule.pendingFor().isZero()) {
                fire(at, "breached, no pending duration: " + b.reason(), b, out);
            } else {
                transition(AlertState.PENDING, at, "breach began: " + b.reason(), b, out);
            }
        } else if (state == AlertState.PENDING) {
            firePendingIfDue(at, b, "breached", out);
        } else {
            clearSince = null; // FIRING: a new breach restarts the keep-firing wait
        }
    }

    private void onClear(Instant at, Breach b, List<AlertEvent> out) {
        if (state == AlertState.PENDING) {
            lastEvidence = b;
            transition(AlertState.RESOLVED, at, "cleared after " + Duration.between(pendingSince, at)
                    + ", before the pending duration " + rule.pendingFor() + ": " + b.reason(), b, out);
        } else if (state == AlertState.FIRING) {
            lastEvidence = b;
            if (clearSince == null) {
                clearSince = at;
            }
            resolveFiringIfDue(at, b, out);
        }
    }

    private void firePendingIfDue(Instant at, Breach b, String why, List<AlertEvent> out) {
        Duration lasted = Duration.between(pendingSince, at);
        if (lasted.compareTo(rule.pendingFor()) >= 0) {
            fire(at, why + " for " + lasted + " since " + pendingSince + ", at least the pending duration "
                    + rule.pendingFor() + ": " + b.reason(), b, out);
        }
    }

    private void fire(Instant at, String reason, Breach b, List<AlertEvent> out) {
        transition(AlertState.FIRING, at, reason, b, out);
        firingSince = at;
        out.add(new AlertEvent.Notify(alertId(), fingerprint, AlertState.FIRING, reason, b, at));
    }

    private void resolveFiringIfDue(Instant at, Breach b, List<AlertEvent> out) {
        Duration clear = Duration.between(clearSince, at);
        if (clear.compareTo(rule.keepFiringFor()) >= 0) {
            String reason = "clear for " + clear + " since " + clearSince + ", at least the keep-firing duration "
                    + rule.keepFiringFor() + ": " + b.reason();
            transition(AlertState.RESOLVED, at, reason, b, out);
            out.add(new AlertEvent.Notify(alertId(), fingerprint, AlertState.RESOLVED, reason, b, at));
        }
    }

    private void transition(AlertState to, Instant at, String reason, Breach b, List<AlertEvent> out) {
        Lifecycle.check(state, to);
        AlertState from = state;
        state = to;
        lastChangeAt = at;
        history.add(new Transition(cycle, at, from, to, reason, b));
        out.add(new AlertEvent.StateChanged(alertId(), fingerprint, from, to, reason, b, acknowledgement != null,
                at));
    }

    private boolean isDuplicate(Evaluation e) {
        if (e.eventId() != null && seenEventIds.contains(e.eventId())) {
            return true;
        }
        return e.at().equals(lastEvaluationAt) && sameValue(e.breach().value(), lastEvaluationValue);
    }

    private static boolean sameValue(java.math.BigDecimal a, java.math.BigDecimal b) {
        return a == null ? b == null : b != null && a.compareTo(b) == 0;
    }

    private boolean isLate(Instant at) {
        return latest != null && at.isBefore(latest);
    }

    private void remember(Evaluation e) {
        if (e.eventId() != null) {
            seenEventIds.add(e.eventId());
            if (seenEventIds.size() > REMEMBERED_EVENT_IDS) {
                seenEventIds.remove(seenEventIds.iterator().next());
            }
        }
        latest = e.at();
        lastEvaluationAt = e.at();
        lastEvaluationValue = e.breach().value();
    }

    /**
     * The message to publish on {@code pacer.alerts} for a {@link AlertEvent.StateChanged} or
     * {@link AlertEvent.Acknowledged} of this alert.
     *
     * @throws IllegalArgumentException for a {@link AlertEvent.Notify} or another alert's event
     */
    public AlertStateChanged toPublished(AlertEvent event) {
        if (!fingerprint.equals(event.fingerprint())) {
            throw new IllegalArgumentException("Event of alert " + event.fingerprint() + ", not " + fingerprint);
        }
        if (event instanceof AlertEvent.StateChanged s) {
            return message(s.alertId(), s.to(), s.from(), s.acknowledged(), s.reason(), s.evidence(), s.at());
        }
        if (event instanceof AlertEvent.Acknowledged a) {
            Acknowledgement ack = a.acknowledgement();
            return message(a.alertId(), a.state(), a.state(), true, "acknowledged by " + ack.by()
                    + (ack.note().isEmpty() ? "" : ": " + ack.note()), lastEvidence, ack.at());
        }
        throw new IllegalArgumentException("A notify intent is not published as a state change");
    }

    /** The evidence of the latest verdict, as events carry it (also while the state stays what it was). */
    public Map<String, Object> latestEvidence() {
        return evidence(lastEvidence);
    }

    private Map<String, Object> evidence(Breach evidence) {
        Map<String, Object> ev = new LinkedHashMap<>();
        if (evidence != null) {
            ev.putAll(evidence.evidence());
        }
        ev.put("ruleKind", rule.condition().kind());
        return ev;
    }

    private AlertStateChanged message(String alertId, AlertState to, AlertState from, boolean acked, String reason,
            Breach evidence, Instant at) {
        Map<String, Object> ev = evidence(evidence);
        return new AlertStateChanged(alertId, fingerprint, rule.id(), rule.name(), rule.severity(), to, from, acked,
                subject.kind(), subject.id(), subject.departments(), labels(), reason, ev, at.atOffset(ZoneOffset.UTC));
    }

    /**
     * The rule's labels plus {@code alertname} (rule name), {@code rule}, {@code severity}, {@code subject_kind},
     * {@code subject}, the subject's dimensions, and {@code department} (the subject's first department) when known.
     */
    public Map<String, String> labels() {
        Map<String, String> labels = new LinkedHashMap<>(rule.labels());
        labels.put("alertname", rule.name());
        labels.put("rule", rule.id());
        labels.put("severity", rule.severity().name().toLowerCase());
        labels.put("subject_kind", subject.kind());
        labels.put("subject", subject.id());
        subject.dimensions().forEach(labels::putIfAbsent);
        if (!subject.departments().isEmpty()) {
            labels.put("department", subject.departments().get(0));
        }
        return Collections.unmodifiableMap(labels);
    }

    public String fingerprint() {
        return fingerprint;
    }

    /** The id of the current cycle ({@code <fingerprint>-<cycle>}); null if never active. */
    public String alertId() {
        return cycle == 0 ? null : fingerprint + "-" + cycle;
    }

    public int cycle() {
        return cycle;
    }

    /** Empty if the alert was never active. */
    public Optional<AlertState> state() {
        return Optional.ofNullable(state);
    }

    public Optional<Acknowledgement> acknowledgement() {
        return Optional.ofNullable(acknowledgement);
    }

    /** Every transition, oldest first, each with its reason and evidence. */
    public List<Transition> history() {
        return Collections.unmodifiableList(history);
    }

    /** The last applicable verdict that concerned the alert; null if none. */
    public Breach evidence() {
        return lastEvidence;
    }

    /** When the current cycle's breach began; null if never active. */
    public Instant pendingSince() {
        return pendingSince;
    }

    /** When the current cycle fired; null if it has not. */
    public Instant firingSince() {
        return firingSince;
    }

    /** Since when a FIRING alert's condition has been clear; null if it is not clear. */
    public Instant clearSince() {
        return clearSince;
    }

    public AlertRule rule() {
        return rule;
    }

    public AlertSubject subject() {
        return subject;
    }
}
