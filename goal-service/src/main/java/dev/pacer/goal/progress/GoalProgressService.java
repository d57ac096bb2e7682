package dev.pacer.goal.progress;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pacer.events.CloudEvent;
import dev.pacer.events.EventSources;
import dev.pacer.events.GoalProgressChanged;
import dev.pacer.events.MetricValueChanged;
import dev.pacer.events.PaceStatus;
import dev.pacer.goal.tree.Aggregation;
import dev.pacer.goal.tree.GoalChanged;
import dev.pacer.goal.tree.GoalEntity;
import dev.pacer.goal.tree.GoalStatus;
import dev.pacer.goal.tree.Plan;
import dev.pacer.goal.tree.PlanType;
import dev.pacer.platform.calendar.FiscalCalendar;
import dev.pacer.platform.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Keeps the progress of tracked goals current. A goal is tracked from its activation (ACTIVE); a CLOSED goal keeps
 * its last progress, which still counts in its parent. When a metric value changes, every ACTIVE goal measured by
 * that metric and slice is recomputed as of today (the injected clock's date in the fiscal calendar's zone), then
 * every ancestor's roll-up, deepest first, each once. A goal whose figures changed gets its progress and a history
 * row written and a {@code GoalProgressChanged} recorded in the outbox — all in the caller's transaction; a goal
 * whose figures did not change is left alone and publishes nothing.
 */
@ApplicationScoped
public class GoalProgressService {
    private static final Logger LOG = Logger.getLogger(GoalProgressService.class);
    private static final TypeReference<LinkedHashMap<String, String>> FILTER = new TypeReference<>() { };
    private static final List<GoalStatus> TRACKED = List.of(GoalStatus.ACTIVE, GoalStatus.CLOSED);

    private final MetricValues values;
    private final ProgressCalculator calculator;
    private final FiscalCalendar calendar;
    private final Clock clock;
    private final Outbox outbox;
    private final ObjectMapper json;

    public GoalProgressService(MetricValues values, ProgressCalculator calculator, FiscalCalendar calendar,
            Clock clock, Outbox outbox, ObjectMapper json) {
        this.values = values;
        this.calculator = calculator;
        this.calendar = calendar;
        this.clock = clock;
        this.outbox = outbox;
        this.json = json;
    }

    /**
     * Applies metric value changes (in order) to the replica, then recomputes once each goal measured by a metric slice
     * that changed, and their ancestors — a batch of a hundred daily values of one metric recomputes its goals once,
     * not a hundred times. Runs in the consumer's transaction.
     *
     * @return the number of goals whose progress changed
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int metricValuesChanged(List<MetricValueChanged> changes) {
        Map<String, Set<String>> changedSlices = new LinkedHashMap<>();
        for (MetricValueChanged change : values.applyAll(changes)) {
            changedSlices.computeIfAbsent(change.metricKey(), k -> new HashSet<>())
                    .add(DimensionSlice.key(change.dimensions()));
        }
        if (changedSlices.isEmpty()) {
            return 0;
        }
        // a plain read of three columns: loading the goals as entities was a quarter of the consumer's time
        @SuppressWarnings("unchecked")
        List<Object[]> rows = GoalEntity.getEntityManager().createNativeQuery("select id, measure_metric_key, "
                        + "measure_filter from goal where status = 'ACTIVE' and measure_metric_key = any (cast(?1 as text[]))")
                .setParameter(1, changedSlices.keySet().toArray(String[]::new)).getResultList();
        List<UUID> measured = new ArrayList<>();
        for (Object[] row : rows) {
            if (changedSlices.get((String) row[1]).contains(DimensionSlice.key(filter((UUID) row[0], (String) row[2])))) {
                measured.add((UUID) row[0]);
            }
        }
        return recompute(measured);
    }

    /**
     * A goal's terms, place or status changed: its progress, and that of its old and new ancestors, follow. A goal
     * that is now CLOSED publishes its final progress once more, marked CLOSED, so that what judges it (alert-service)
     * stops — its alerts resolve instead of firing on for a goal nobody tracks any more.
     */
    void onGoalChanged(@Observes GoalChanged change) {
        List<UUID> goals = new ArrayList<>();
        goals.add(change.goalId());
        if (change.previousParentId() != null) {
            goals.add(change.previousParentId());
        }
        recompute(goals);
        GoalEntity goal = GoalEntity.findById(change.goalId());
        GoalProgressEntity stored = goal == null || goal.status != GoalStatus.CLOSED ? null
                : GoalProgressEntity.findById(goal.id);
        if (stored != null) {
            OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
            publish(goal, ProgressRows.snapshot(stored), stored.status, now, GoalProgressChanged.CLOSED);
        }
    }

    /**
     * Recomputes the goals and all their ancestors, deepest first, so that each roll-up sees its children's new
     * progress. Only ACTIVE goals are recomputed.
     *
     * @return the number of goals whose progress changed
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int recompute(Collection<UUID> goalIds) {
        if (goalIds.isEmpty()) {
            return 0;
        }
        Map<UUID, GoalEntity> nodes = new LinkedHashMap<>();
        Map<UUID, Integer> depth = new HashMap<>();
        for (UUID id : goalIds) {
            List<GoalEntity> chain = new ArrayList<>();
            Set<UUID> seen = new LinkedHashSet<>();
            GoalEntity current = nodes.containsKey(id) ? nodes.get(id) : GoalEntity.findById(id);
            while (current != null && seen.add(current.id)) {
                chain.add(current);
                current = current.parentId == null ? null : GoalEntity.findById(current.parentId);
            }
            for (int i = 0; i < chain.size(); i++) {
                nodes.putIfAbsent(chain.get(i).id, chain.get(i));
                depth.put(chain.get(i).id, chain.size() - 1 - i);
            }
        }
        LocalDate today = calendar.dateOf(clock.instant());
        OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        int changed = 0;
        List<GoalEntity> deepestFirst = nodes.values().stream()
                .sorted(Comparator.comparing((GoalEntity g) -> depth.get(g.id)).reversed()).toList();
        for (GoalEntity goal : deepestFirst) {
            if (goal.status != GoalStatus.ACTIVE) {
                continue;
            }
            try {
                if (recomputeOne(goal, today, now)) {
                    changed++;
                }
            } catch (IllegalArgumentException e) {
                // one goal whose terms cannot be computed must not dead-letter the metric value for every other goal
                LOG.errorf("Progress of goal %s cannot be computed, left as it was: %s", goal.id, e.getMessage());
            }
        }
        return changed;
    }

    /** The current progress of a goal; empty while it is not tracked. */
    public java.util.Optional<GoalProgressEntity> current(UUID goalId) {
        return GoalProgressEntity.findByIdOptional(goalId);
    }

    private boolean recomputeOne(GoalEntity goal, LocalDate today, OffsetDateTime now) {
        ProgressSnapshot fresh = new ProgressSnapshot(today, own(goal, today), rollUp(goal), goal.baseTarget,
                goal.challengeTarget);
        GoalProgressEntity stored = GoalProgressEntity.findById(goal.id, LockModeType.PESSIMISTIC_WRITE);
        if (stored != null && ProgressRows.snapshot(stored).sameFiguresAs(fresh)) {
            return false;
        }
        PaceStatus previous = stored == null ? null : stored.status;
        boolean isNew = stored == null;
        if (isNew) {
            stored = new GoalProgressEntity();
            stored.goalId = goal.id;
            stored.version = 0;
        }
        ProgressRows.write(stored, fresh, previous, now);
        stored.version++;
        if (isNew) {
            stored.persist();
        }
        ProgressRows.history(goal.id, fresh, previous, now).persist();
        publish(goal, fresh, previous, now, GoalProgressChanged.ACTIVE);
        return true;
    }

    private Progress own(GoalEntity g, LocalDate today) {
        if (g.measureMetricKey == null || g.baseTarget == null
                || (g.measureAggregation != Aggregation.TOTAL && g.baseline == null)) {
            return null;
        }
        ProgressWindow window = ProgressWindow.of(calendar, g.period(), g.window());
        String slice = DimensionSlice.key(filter(g));
        Map<LocalDate, BigDecimal> actuals = values.within(g.measureMetricKey, slice, window.start(), window.end());
        Map<LocalDate, BigDecimal> lastYear = g.planType == PlanType.SEASONAL
                ? values.monthly(g.measureMetricKey, slice, window.start().minusYears(1), window.end().minusYears(1))
                : Map.of();
        Plan plan = new Plan(g.planType, g.planType == PlanType.QUARTERLY_MILESTONES
                ? List.of(g.milestoneQ1, g.milestoneQ2, g.milestoneQ3, g.milestoneQ4) : null);
        GoalTerms terms = new GoalTerms(window, g.direction, g.measureAggregation, g.baseline, g.baseTarget,
                g.challengeTarget, ProgressPlan.of(plan, lastYear));
        return calculator.compute(terms, actuals, today);
    }

    private RollUp rollUp(GoalEntity goal) {
        List<GoalEntity> children = GoalEntity.list("parentId = ?1 and status in ?2", goal.id, TRACKED);
        if (children.isEmpty()) {
            return null;
        }
        Map<UUID, GoalProgressEntity> progress = GoalProgressEntity.<GoalProgressEntity>list("goalId in ?1",
                children.stream().map(c -> c.id).toList()).stream()
                .collect(Collectors.toMap(p -> p.goalId, Function.identity()));
        List<Contribution> contributions = children.stream().map(c -> {
            GoalProgressEntity p = progress.get(c.id);
            return p == null ? new Contribution(c.weight, PaceStatus.NO_DATA, null, null, null)
                    : ProgressRows.snapshot(p).contribution(c.weight);
        }).toList();
        return calculator.rollUp(contributions);
    }

    private void publish(GoalEntity g, ProgressSnapshot s, PaceStatus previous, OffsetDateTime now, String goalStatus) {
        List<String> departments = new ArrayList<>();
        departments.add(g.ownerDepartment);
        departments.addAll(g.contributingDepartments);
        Progress own = s.own();
        GoalProgressChanged payload = new GoalProgressChanged(g.id.toString(),
                g.parentId == null ? null : g.parentId.toString(), g.title, g.ownerDepartment, departments,
                g.measureMetricKey, g.period().label(), own == null ? null : own.actual(),
                own == null ? null : own.expectedBase(), g.baseTarget, g.challengeTarget, s.attainmentBase(),
                s.attainmentChallenge(), s.status(), previous, own == null ? null : own.forecast(), now, goalStatus);
        outbox.publish(payload.topic(), payload.kafkaKey(), CloudEvent.of(EventSources.GOAL_SERVICE, payload));
    }

    private Map<String, String> filter(GoalEntity g) {
        return filter(g.id, g.measureFilter);
    }

    private Map<String, String> filter(UUID goalId, String measureFilter) {
        if (measureFilter == null) {
            return Map.of();
        }
        try {
            return Objects.requireNonNullElse(json.readValue(measureFilter, FILTER), Map.of());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored measure filter of goal " + goalId + " is unreadable", e);
        }
    }
}
