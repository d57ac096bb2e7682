package dev.pacer.alert.evaluation;

import dev.pacer.alert.alerts.AlertLedger;
import dev.pacer.alert.alerts.AlertTrackerEntity;
import dev.pacer.alert.lifecycle.AlertEvent;
import dev.pacer.alert.lifecycle.AlertSubject;
import dev.pacer.alert.lifecycle.Evaluation;
import dev.pacer.alert.rule.Breach;
import dev.pacer.alert.rule.ConditionState;
import dev.pacer.alert.rule.RuleInput;
import dev.pacer.alert.rule.RuleKind;
import dev.pacer.alert.rule.RuleService;
import dev.pacer.alert.rule.ScopeType;
import dev.pacer.alert.rule.StoredRule;
import dev.pacer.events.CloudEvent;
import dev.pacer.events.GoalProgressChanged;
import dev.pacer.events.MetricValueChanged;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Evaluates the rules an event concerns and moves their alerts: goal progress is judged by the goal rules whose
 * scope covers the goal (the goal, a goal above it, one of its departments, or its metric); a metric value by the
 * metric rules of its metric, with the slice's history. Time passes for pending and clearing alerts, and staleness
 * is judged, on {@link #tick()}.
 */
@ApplicationScoped
public class Evaluator {
    private static final Logger LOG = Logger.getLogger(Evaluator.class);
    private static final Set<RuleKind> GOAL_KINDS = EnumSet.of(RuleKind.GOAL_PACE, RuleKind.FORECAST_MISS);
    private static final Set<RuleKind> METRIC_KINDS = EnumSet.of(RuleKind.METRIC_THRESHOLD, RuleKind.PERIOD_CHANGE,
            RuleKind.ANOMALY);
    /** Trackers moved per tick transaction. */
    static final int TICK_BATCH = 200;

    private final RuleService rules;
    private final AlertLedger ledger;
    private final GoalTree goals;
    private final MetricStore metrics;
    private final Clock clock;
    private final EntityManager em;

    public Evaluator(RuleService rules, AlertLedger ledger, GoalTree goals, MetricStore metrics, Clock clock,
            EntityManager em) {
        this.em = em;
        this.rules = rules;
        this.ledger = ledger;
        this.goals = goals;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Judges a goal's progress by every goal rule that covers it; returns the alert events it caused. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<AlertEvent> onGoalProgress(String eventId, GoalProgressChanged p) {
        goals.record(p);
        Map<ScopeType, Set<String>> scopes = new LinkedHashMap<>();
        scopes.put(ScopeType.GOAL, Set.of(p.goalId()));
        scopes.put(ScopeType.GOAL_SUBTREE, goals.selfAndAncestors(p.goalId()));
        scopes.put(ScopeType.DEPARTMENT, Set.copyOf(GoalTree.departments(p)));
        scopes.put(ScopeType.METRIC, p.metricKey() == null ? Set.of() : Set.of(p.metricKey()));
        Map<UUID, StoredRule> matching = new LinkedHashMap<>();
        rules.enabled(GOAL_KINDS, scopes).forEach(r -> matching.putIfAbsent(r.id(), r));
        AlertSubject subject = AlertSubject.goal(p.goalId(), GoalTree.departments(p));
        RuleInput input = new RuleInput.GoalProgress(p);
        List<AlertEvent> out = new ArrayList<>();
        for (StoredRule rule : matching.values()) {
            out.addAll(p.closed() ? goalClosed(rule, subject, p, eventId)
                    : evaluate(rule, subject, input, eventId, p.asOf().toInstant()));
        }
        return out;
    }

    /**
     * A closed goal is no longer judged: each rule's alert on it gets a clear verdict (a firing alert resolves, a
     * pending one lapses, as the rule's lifecycle has it). The rule's state is kept, so a late progress event of the
     * goal is still recognised as late.
     */
    private List<AlertEvent> goalClosed(StoredRule rule, AlertSubject subject, GoalProgressChanged p, String eventId) {
        AlertLedger.Tracked t = ledger.load(rule.rule(), subject);
        Breach clear = Breach.clear(null, null, null, "Goal '" + p.title() + "' was closed with pace " + p.paceStatus()
                + ": its progress is final and no longer judged");
        List<AlertEvent> events = t.alert().apply(new Evaluation(eventId, p.asOf().toInstant(), clear));
        ledger.save(t, t.condition(), events);
        return events;
    }

    /**
     * Stores metric values and judges each, in order, by the metric rules of its metric, in the caller's transaction:
     * the values are stored together first and the rules of all their metrics read once. Values of metrics without a
     * rule (most of them) cost only their share of the batched writes.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void onMetricValues(List<CloudEvent<MetricValueChanged>> events) {
        metrics.recordAll(events.stream().map(CloudEvent::data).toList());
        Set<String> keys = new HashSet<>();
        events.forEach(e -> keys.add(e.data().metricKey()));
        Map<String, List<StoredRule>> byMetric = new HashMap<>();
        for (StoredRule rule : rules.enabled(METRIC_KINDS, ScopeType.METRIC, keys)) {
            byMetric.computeIfAbsent(rule.scope().key(), k -> new ArrayList<>()).add(rule);
        }
        if (byMetric.isEmpty()) {
            return;
        }
        em.flush();
        for (CloudEvent<MetricValueChanged> event : events) {
            List<StoredRule> matching = byMetric.get(event.data().metricKey());
            if (matching != null) {
                judge(event.id(), event.data(), matching);
                em.flush(); // the next one's native reads see what this one wrote
            }
        }
    }

    private List<AlertEvent> judge(String eventId, MetricValueChanged v, List<StoredRule> matching) {
        if (matching.isEmpty()) {
            return List.of();
        }
        RuleInput input = new RuleInput.MetricValue(v, metrics.history(v));
        List<AlertEvent> out = new ArrayList<>();
        for (StoredRule rule : matching) {
            AlertSubject subject = AlertSubject.metric(v.metricKey(), v.dimensions(), rule.departments());
            out.addAll(evaluate(rule, subject, input, eventId, v.computedAt().toInstant()));
        }
        return out;
    }

    /**
     * One scheduler round at the clock's now: pending alerts whose pending duration has passed fire, firing alerts
     * clear for their keep-firing duration resolve, and every staleness rule is judged. Callable directly (tests move
     * the clock and call it).
     *
     * @return the alert events it caused
     */
    public List<AlertEvent> tick() {
        List<AlertEvent> out = new ArrayList<>();
        Instant now = clock.instant();
        for (StoredRule rule : rules.enabled(RuleKind.STALENESS)) {
            out.addAll(QuarkusTransaction.requiringNew().call(() -> staleness(rule, now)));
        }
        String after = null;
        while (true) {
            List<AlertTrackerEntity> rows = new ArrayList<>();
            String from = after;
            List<AlertEvent> batch = QuarkusTransaction.requiringNew().call(() -> {
                List<AlertEvent> events = new ArrayList<>();
                rows.addAll(ledger.due(now, from, TICK_BATCH));
                for (AlertTrackerEntity row : rows) {
                    Optional<StoredRule> rule = rules.byId(row.ruleId);
                    if (rule.isEmpty() || !rule.get().enabled()) {
                        continue; // a disabled rule's alerts wait where they are
                    }
                    AlertLedger.Tracked t = ledger.restore(row, rule.get().rule());
                    List<AlertEvent> moved = t.alert().tick(now);
                    ledger.save(t, t.condition(), moved);
                    events.addAll(moved);
                }
                return events;
            });
            out.addAll(batch);
            if (rows.size() < TICK_BATCH) {
                return out;
            }
            after = rows.get(rows.size() - 1).fingerprint;
        }
    }

    private List<AlertEvent> staleness(StoredRule rule, Instant now) {
        String metricKey = rule.scope().key();
        RuleInput input = new RuleInput.Freshness(metricKey, metrics.lastDataAt(metricKey).orElse(null),
                rule.freshnessExpectation());
        AlertSubject subject = AlertSubject.metric(metricKey, Map.of(), rule.departments());
        return evaluate(rule, subject, input, null, now);
    }

    private List<AlertEvent> evaluate(StoredRule rule, AlertSubject subject, RuleInput input, String eventId,
            Instant at) {
        if (rule.kind() != RuleKind.GOAL_PACE) {
            // Stateless kinds: skip subjects the rule does not judge before touching (or creating) their alert.
            Breach probe = rule.rule().condition().evaluate(input, ConditionState.NONE, clock);
            if (!probe.applicable()) {
                return List.of();
            }
        }
        AlertLedger.Tracked t = ledger.load(rule.rule(), subject);
        Breach breach = rule.rule().condition().evaluate(input, t.condition(), clock);
        if (!breach.applicable()) {
            return List.of();
        }
        List<AlertEvent> events = t.alert().apply(new Evaluation(eventId, at, breach));
        ledger.save(t, breach.next(), events);
        if (!events.isEmpty()) {
            LOG.debugf("Rule %s on %s %s: %s", rule.rule().name(), subject.kind(), subject.id(), events);
        }
        return events;
    }
}
