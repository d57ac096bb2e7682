package dev.pacer.alert.alerts;

import dev.pacer.alert.lifecycle.Alert;
import dev.pacer.alert.lifecycle.AlertEvent;
import dev.pacer.alert.lifecycle.AlertSubject;
import dev.pacer.alert.lifecycle.Fingerprint;
import dev.pacer.alert.notify.Notifier;
import dev.pacer.alert.rule.AlertRule;
import dev.pacer.alert.rule.ConditionState;
import dev.pacer.events.AlertState;
import dev.pacer.events.AlertStateChanged;
import dev.pacer.events.CloudEvent;
import dev.pacer.events.EventSources;
import dev.pacer.platform.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Where alert aggregates live between evaluations: loads one (locking its row, so an event, a tick and an
 * acknowledgement of the same fingerprint never interleave), and records what it did: the aggregate's new state, one
 * {@code alert} row per cycle with its latest evidence, every transition with its reason and evidence, an
 * {@code AlertStateChanged} on {@code pacer.alerts} through the outbox, the notifications, and the live stream.
 */
@ApplicationScoped
public class AlertLedger {
    private final EntityManager em;
    private final TrackerCodec codec;
    private final Outbox outbox;
    private final Notifier notifier;
    private final AlertStream stream;

    public AlertLedger(EntityManager em, TrackerCodec codec, Outbox outbox, Notifier notifier, AlertStream stream) {
        this.em = em;
        this.codec = codec;
        this.outbox = outbox;
        this.notifier = notifier;
        this.stream = stream;
    }

    /** An aggregate loaded for change, with the rule kind's carried state. */
    public record Tracked(AlertTrackerEntity row, Alert alert, ConditionState condition) {
    }

    /** Loads (or starts) the alert of {@code rule} on {@code subject}, locking it until the transaction ends. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Tracked load(AlertRule rule, AlertSubject subject) {
        String fingerprint = Fingerprint.of(rule.id(), subject);
        em.createNativeQuery("insert into alert_tracker (fingerprint, rule_id, subject_kind, subject_id, dimensions, "
                        + "departments, snapshot) values (?1, ?2, ?3, ?4, ?5, cast(?6 as varchar[]), ?7) "
                        + "on conflict (fingerprint) do nothing")
                .setParameter(1, fingerprint).setParameter(2, UUID.fromString(rule.id()))
                .setParameter(3, subject.kind()).setParameter(4, subject.id())
                .setParameter(5, codec.write(subject.dimensions()))
                .setParameter(6, subject.departments().toArray(String[]::new))
                .setParameter(7, codec.writeSnapshot(Alert.of(rule, subject).snapshot()))
                .executeUpdate();
        AlertTrackerEntity row = em.find(AlertTrackerEntity.class, fingerprint, LockModeType.PESSIMISTIC_WRITE);
        row.departments = subject.departments().toArray(String[]::new);
        return new Tracked(row, Alert.restore(rule, subject, codec.readSnapshot(row.snapshot)),
                codec.readCondition(row.conditionState));
    }

    /**
     * Up to {@code limit} trackers that time moves by {@code now}, after fingerprint {@code after} (null: from the
     * start), locked (skipping those locked by others); the caller restores them with their rule.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<AlertTrackerEntity> due(java.time.Instant now, String after, int limit) {
        @SuppressWarnings("unchecked")
        List<AlertTrackerEntity> rows = em.createNativeQuery("select * from alert_tracker where due_at <= ?1 "
                        + "and fingerprint > ?2 order by fingerprint limit ?3 for update skip locked",
                        AlertTrackerEntity.class)
                .setParameter(1, java.sql.Timestamp.from(now)).setParameter(2, after == null ? "" : after)
                .setParameter(3, limit).getResultList();
        return rows;
    }

    /** The subject a stored tracker is about. */
    public AlertSubject subjectOf(AlertTrackerEntity row) {
        return new AlertSubject(row.subjectKind, row.subjectId, codec.readStrings(row.dimensions),
                List.of(row.departments));
    }

    /** Restores a tracker locked by {@link #awaitingTime} with its rule. */
    public Tracked restore(AlertTrackerEntity row, AlertRule rule) {
        return new Tracked(row, Alert.restore(rule, subjectOf(row), codec.readSnapshot(row.snapshot)),
                codec.readCondition(row.conditionState));
    }

    /** Stores the aggregate after {@code events} and records each of them. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void save(Tracked t, ConditionState next, List<AlertEvent> events) {
        Alert alert = t.alert();
        AlertTrackerEntity row = t.row();
        row.snapshot = codec.writeSnapshot(alert.snapshot());
        row.conditionState = codec.writeCondition(next);
        row.state = alert.state().map(Enum::name).orElse(null);
        row.dueAt = alert.dueAt().orElse(null);
        Map<String, AlertStateChanged> published = new HashMap<>();
        for (AlertEvent event : events) {
            if (event instanceof AlertEvent.StateChanged s) {
                AlertStateChanged message = alert.toPublished(s);
                AlertEntity a = em.find(AlertEntity.class, s.alertId());
                boolean created = a == null;
                if (created) {
                    a = newCycle(alert, s);
                }
                a.state = s.to().name();
                a.reason = s.reason();
                a.evidence = codec.write(message.evidence());
                a.updatedAt = s.at();
                a.departments = row.departments;
                if (s.to() == AlertState.FIRING) {
                    a.firedAt = s.at();
                } else if (s.to() == AlertState.RESOLVED) {
                    a.resolvedAt = s.at();
                }
                if (created) {
                    em.persist(a);
                    em.flush(); // before its transitions, whose identity inserts run at once
                }
                history(s.alertId(), s.at(), s.from(), s.to(), s.reason(), a.evidence);
                publish(message);
                published.put(s.alertId() + "/" + s.to(), message);
            } else if (event instanceof AlertEvent.Acknowledged ack) {
                AlertStateChanged message = alert.toPublished(ack);
                AlertEntity a = em.find(AlertEntity.class, ack.alertId());
                a.acknowledgedBy = ack.acknowledgement().by();
                a.acknowledgedNote = ack.acknowledgement().note();
                a.acknowledgedAt = ack.acknowledgement().at();
                a.updatedAt = ack.at();
                history(ack.alertId(), ack.at(), ack.state(), ack.state(), message.reason(), a.evidence);
                publish(message);
            } else if (event instanceof AlertEvent.Notify n) {
                AlertStateChanged told = published.get(n.alertId() + "/" + n.state());
                if (told == null) {
                    throw new IllegalStateException("Notify of " + n.alertId() + " " + n.state()
                            + " without its state change");
                }
                notifier.notify(told);
            }
        }
        // The row shows the latest verdict, not only that of its last transition: a firing forecast miss keeps
        // firing while its forecast moves, and the evidence says where it stands now.
        if (alert.alertId() != null && alert.state().filter(st -> st == AlertState.PENDING
                || st == AlertState.FIRING).isPresent()) {
            AlertEntity current = em.find(AlertEntity.class, alert.alertId());
            if (current != null) {
                String latest = codec.write(alert.latestEvidence());
                if (!latest.equals(current.evidence)) {
                    current.evidence = latest;
                }
            }
        }
    }

    private AlertEntity newCycle(Alert alert, AlertEvent.StateChanged s) {
        AlertEntity a = new AlertEntity();
        a.id = s.alertId();
        a.fingerprint = alert.fingerprint();
        a.cycle = alert.cycle();
        a.ruleId = UUID.fromString(alert.rule().id());
        a.ruleName = alert.rule().name();
        a.severity = alert.rule().severity().name();
        a.subjectKind = alert.subject().kind();
        a.subjectId = alert.subject().id();
        a.dimensions = codec.write(alert.subject().dimensions());
        a.labels = codec.write(alert.labels());
        a.startedAt = s.at();
        return a;
    }

    private void history(String alertId, java.time.Instant at, AlertState from, AlertState to, String reason,
            String evidence) {
        AlertTransitionEntity h = new AlertTransitionEntity();
        h.alertId = alertId;
        h.at = at;
        h.fromState = from == null ? null : from.name();
        h.toState = to.name();
        h.reason = reason;
        h.evidence = evidence;
        em.persist(h);
    }

    private void publish(AlertStateChanged message) {
        outbox.publish(message.topic(), message.kafkaKey(), CloudEvent.of(EventSources.ALERT_SERVICE, message));
        stream.afterCommit(message);
    }
}
