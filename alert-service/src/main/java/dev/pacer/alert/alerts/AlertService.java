package dev.pacer.alert.alerts;

import dev.pacer.alert.lifecycle.AlertEvent;
import dev.pacer.alert.rule.RuleService;
import dev.pacer.alert.rule.StoredRule;
import dev.pacer.alert.security.DepartmentScope;
import dev.pacer.events.AlertState;
import dev.pacer.events.Severity;
import dev.pacer.platform.paging.Page;
import dev.pacer.platform.problem.ProblemException;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Reads alerts (within the caller's departments) and acknowledges them. */
@ApplicationScoped
public class AlertService {
    private final EntityManager em;
    private final DepartmentScope scope;
    private final TrackerCodec codec;
    private final AlertLedger ledger;
    private final RuleService rules;
    private final Clock clock;

    public AlertService(EntityManager em, DepartmentScope scope, TrackerCodec codec, AlertLedger ledger,
            RuleService rules, Clock clock) {
        this.em = em;
        this.scope = scope;
        this.codec = codec;
        this.ledger = ledger;
        this.rules = rules;
        this.clock = clock;
    }

    /** Filters of the alert list; empty ones do not filter. */
    public record Filter(Optional<AlertState> state, Optional<Severity> severity, Optional<String> department,
            Optional<UUID> ruleId, Optional<String> subjectKind, Optional<String> subjectId) {
    }

    /** Most recently changed first; only alerts whose subject belongs to one of the caller's departments. */
    public Page<AlertView> list(Filter f, int limit, String cursor) {
        List<String> where = new ArrayList<>();
        Parameters params = new Parameters();
        if (!scope.restrictQuery(where, params, f.department())) {
            return new Page<>(List.of(), null);
        }
        f.state().ifPresent(s -> {
            where.add("state = :state");
            params.and("state", s.name());
        });
        f.severity().ifPresent(s -> {
            where.add("severity = :severity");
            params.and("severity", s.name());
        });
        f.ruleId().ifPresent(r -> {
            where.add("ruleId = :ruleId");
            params.and("ruleId", r);
        });
        f.subjectKind().ifPresent(k -> {
            where.add("subjectKind = :subjectKind");
            params.and("subjectKind", k);
        });
        f.subjectId().ifPresent(k -> {
            where.add("subjectId = :subjectId");
            params.and("subjectId", k);
        });
        AlertCursor after = AlertCursor.after(cursor);
        if (after != null) {
            where.add("(updatedAt < :afterTime or (updatedAt = :afterTime and id < :afterId))");
            params.and("afterTime", after.updatedAt()).and("afterId", after.id());
        }
        Sort sort = Sort.descending("updatedAt", "id");
        List<AlertEntity> rows = (where.isEmpty()
                ? AlertEntity.<AlertEntity>findAll(sort)
                : AlertEntity.<AlertEntity>find(String.join(" and ", where), sort, params))
                .page(0, limit + 1).list();
        return Page.of(rows.stream().map(this::toView).toList(), limit,
                v -> AlertCursor.key(v.updatedAt().toInstant(), v.id()));
    }

    public AlertDetail get(String id) {
        AlertEntity a = find(id, LockModeType.NONE);
        scope.requireRead(Arrays.asList(a.departments));
        List<AlertDetail.Change> history = AlertTransitionEntity.<AlertTransitionEntity>find("alertId = ?1",
                        Sort.ascending("id"), id).list().stream()
                .map(h -> new AlertDetail.Change(h.at.atOffset(ZoneOffset.UTC),
                        h.fromState == null ? null : AlertState.valueOf(h.fromState), AlertState.valueOf(h.toState),
                        h.reason, codec.readObject(h.evidence)))
                .toList();
        return new AlertDetail(toView(a), history);
    }

    /**
     * The caller acknowledges the alert (a pending or firing one; 409 otherwise). Owners acknowledge: members of the
     * subject's departments, or admins. Acknowledging again changes nothing.
     */
    @Transactional
    public AlertView acknowledge(String id, String note) {
        AlertEntity a = find(id, LockModeType.NONE);
        scope.requireRead(Arrays.asList(a.departments));
        StoredRule rule = rules.byId(a.ruleId).orElseThrow(() -> ProblemException.conflict("Alert '" + id
                + "' belongs to a rule that was deleted; it can no longer change"));
        AlertTrackerEntity row = em.find(AlertTrackerEntity.class, a.fingerprint, LockModeType.PESSIMISTIC_WRITE);
        if (row == null) {
            throw ProblemException.conflict("Alert '" + id + "' can no longer change: its rule was deleted");
        }
        AlertLedger.Tracked t = ledger.restore(row, rule.rule());
        if (!id.equals(t.alert().alertId())) {
            throw ProblemException.conflict("Alert '" + id + "' is over; the current alert of this rule and subject is '"
                    + t.alert().alertId() + "'");
        }
        AlertState state = t.alert().state().orElseThrow();
        if (state != AlertState.PENDING && state != AlertState.FIRING) {
            throw ProblemException.conflict("Alert '" + id + "' is " + state + "; only a pending or firing alert can "
                    + "be acknowledged");
        }
        List<AlertEvent> events = t.alert().acknowledge(scope.subject(), note, clock.instant());
        ledger.save(t, t.condition(), events);
        em.flush();
        em.refresh(a);
        return toView(a);
    }

    private static AlertEntity find(String id, LockModeType lock) {
        AlertEntity a = AlertEntity.findById(id, lock);
        if (a == null) {
            throw ProblemException.notFound("Alert", id);
        }
        return a;
    }

    AlertView toView(AlertEntity a) {
        return new AlertView(a.id, a.fingerprint, a.cycle, a.ruleId, a.ruleName, Severity.valueOf(a.severity),
                AlertState.valueOf(a.state), a.subjectKind, a.subjectId, codec.readStrings(a.dimensions),
                List.of(a.departments), codec.readStrings(a.labels), a.reason, codec.readObject(a.evidence),
                at(a.startedAt), at(a.firedAt), at(a.resolvedAt),
                a.acknowledgedBy == null ? null : new AlertView.Acknowledgement(a.acknowledgedBy, a.acknowledgedNote,
                        at(a.acknowledgedAt)),
                at(a.updatedAt));
    }

    private static OffsetDateTime at(Instant i) {
        return i == null ? null : i.atOffset(ZoneOffset.UTC);
    }
}
