package dev.pacer.goal.tree;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pacer.platform.paging.Page;
import dev.pacer.platform.problem.Problem.FieldError;
import dev.pacer.platform.problem.ProblemException;
import dev.pacer.platform.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Creates, changes, deletes and reads goals of the breakdown tree, enforcing the goal rules ({@link GoalRules})
 * and the department permissions ({@link GoalPermissions}). Writes lock the goal and its parent, so concurrent
 * writers cannot break the tree rules (sibling weights, windows) between them.
 */
@ApplicationScoped
public class GoalService {
    private static final TypeReference<LinkedHashMap<String, String>> FILTER = new TypeReference<>() { };

    private final ObjectMapper json;
    private final Caller caller;
    private final Clock clock;
    private final Event<GoalChanged> changes;
    private final ActivationGate gate;

    public GoalService(ObjectMapper json, Caller caller, Clock clock, Event<GoalChanged> changes,
            ActivationGate gate) {
        this.json = json;
        this.caller = caller;
        this.clock = clock;
        this.changes = changes;
        this.gate = gate;
    }

    @Transactional
    public Goal create(GoalRequest request) {
        Actor actor = Actor.of(caller);
        GoalPermissions.requireManage(actor, request.ownerDepartment(), "the new goal");
        GoalEntity e = new GoalEntity();
        e.id = UUID.randomUUID();
        Placement placement = place(e.id, request, actor, false);
        apply(e, request, placement);
        OffsetDateTime now = now();
        e.status = GoalStatus.DRAFT;
        e.version = 1;
        e.createdAt = now;
        e.createdBy = actor.subject();
        e.updatedAt = now;
        e.updatedBy = actor.subject();
        e.persist();
        return toGoal(e);
    }

    @Transactional
    public Goal update(UUID id, int expectedVersion, GoalRequest request) {
        Actor actor = Actor.of(caller);
        GoalEntity e = lockForChange(id, actor);
        if (!e.ownerDepartment.equals(request.ownerDepartment())) {
            GoalPermissions.requireManage(actor, request.ownerDepartment(), "the changed goal");
        }
        requireVersion(e, expectedVersion);
        UUID previousParent = e.parentId;
        Placement placement = place(id, request, actor, true);
        apply(e, request, placement);
        e.version++;
        e.updatedAt = now();
        e.updatedBy = actor.subject();
        changes.fire(new GoalChanged(id, previousParent));
        return toGoal(e);
    }

    /**
     * Activates a DRAFT goal once it passes the {@link ActivationGate} (the SMART check); from then on its progress
     * is tracked. {@code expectedVersion} (from If-Match) is checked when given.
     */
    @Transactional
    public Goal activate(UUID id, Integer expectedVersion) {
        Actor actor = Actor.of(caller);
        GoalEntity e = lockForChange(id, actor);
        if (expectedVersion != null) {
            requireVersion(e, expectedVersion);
        }
        if (e.status != GoalStatus.DRAFT) {
            throw ProblemException.conflict("Only a DRAFT goal can be activated; this one is " + e.status);
        }
        gate.requireActivatable(toGoal(e));
        e.status = GoalStatus.ACTIVE;
        e.version++;
        e.updatedAt = now();
        e.updatedBy = actor.subject();
        changes.fire(new GoalChanged(id, e.parentId));
        return toGoal(e);
    }

    /**
     * Closes an ACTIVE goal whose sub-goals are all closed: its progress stays as last computed (no new metric value
     * or day moves it), it keeps counting in its parent's roll-up, reviews and scorecards. {@code expectedVersion}
     * (from If-Match) is checked when given.
     */
    @Transactional
    public Goal close(UUID id, Integer expectedVersion) {
        Actor actor = Actor.of(caller);
        GoalEntity e = lockForChange(id, actor);
        if (expectedVersion != null) {
            requireVersion(e, expectedVersion);
        }
        if (e.status != GoalStatus.ACTIVE) {
            throw ProblemException.conflict("Only an ACTIVE goal can be closed; this one is " + e.status);
        }
        long open = GoalEntity.count("parentId = ?1 and status = ?2", id, GoalStatus.ACTIVE);
        if (open > 0) {
            throw ProblemException.conflict("The goal has " + open + " active sub-goal" + (open == 1 ? "" : "s")
                    + "; close them first");
        }
        e.status = GoalStatus.CLOSED;
        e.version++;
        e.updatedAt = now();
        e.updatedBy = actor.subject();
        changes.fire(new GoalChanged(id, e.parentId)); // its final progress is published (CLOSED)
        return toGoal(e);
    }

    /** Deletes a DRAFT goal without sub-goals; {@code expectedVersion} (from If-Match) is checked when given. */
    @Transactional
    public void delete(UUID id, Integer expectedVersion) {
        GoalEntity e = lockForChange(id, Actor.of(caller));
        if (expectedVersion != null) {
            requireVersion(e, expectedVersion);
        }
        if (e.status != GoalStatus.DRAFT) {
            throw ProblemException.conflict("Only a DRAFT goal can be deleted; this one is " + e.status);
        }
        long children = GoalEntity.count("parentId", id);
        if (children > 0) {
            throw ProblemException.conflict("The goal has " + children + " sub-goal" + (children == 1 ? "" : "s")
                    + "; delete or move them first");
        }
        e.delete();
    }

    public Goal get(UUID id) {
        return toGoal(readable(id));
    }

    /** The goal as the API shows it, without a permission check (for the caller's own checks and consumers). */
    public Goal toGoal(GoalEntity e) {
        Measure measure = e.measureMetricKey == null ? null
                : new Measure(e.measureMetricKey, read(e.measureFilter), e.measureAggregation);
        Plan plan = new Plan(e.planType, e.planType == PlanType.QUARTERLY_MILESTONES
                ? List.of(e.milestoneQ1, e.milestoneQ2, e.milestoneQ3, e.milestoneQ4) : null);
        return new Goal(e.id, e.parentId, e.title, e.description, e.ownerDepartment, e.ownerPerson,
                List.copyOf(e.contributingDepartments), e.period().label(), e.window(), plain(e.weight), measure,
                e.baseline, e.baseTarget, e.challengeTarget, e.direction, plan, e.status, e.version,
                e.createdAt, e.createdBy, e.updatedAt, e.updatedBy);
    }

    /** The goal if the caller may read it: 404 when no goal has the id, 403 when it belongs to other departments. */
    public GoalEntity readable(UUID id) {
        GoalEntity e = GoalEntity.findById(id);
        if (e == null) {
            throw ProblemException.notFound("Goal", id.toString());
        }
        GoalPermissions.requireRead(Actor.of(caller), e.ownerDepartment, e.contributingDepartments, "This goal");
        return e;
    }

    public Page<Goal> children(UUID id, int limit, String cursor, String sort) {
        readable(id);
        return list(GoalQuery.childrenOf(id.toString(), sort), limit, cursor);
    }

    /** The goals the caller may read that match the query, one page in the query's order. */
    public Page<Goal> list(GoalQuery query, int limit, String cursor) {
        Actor actor = Actor.of(caller);
        GoalOrder order = GoalOrder.parse(query.sort());
        GoalOrder.After after = order.after(cursor);
        Map<String, Object> params = new HashMap<>();
        StringBuilder where = new StringBuilder("from GoalEntity g where 1 = 1");
        if (!actor.admin()) {
            if (!actor.reader() || actor.departments().isEmpty()) {
                return new Page<>(List.of(), null);
            }
            where.append(" and (g.ownerDepartment in :mine or exists (select 1 from GoalEntity m"
                    + " join m.contributingDepartments md where m = g and md in :mine))");
            params.put("mine", actor.departments());
        }
        filter(query, where, params);
        String field = order.field() == GoalOrder.Field.CREATED_AT ? "g.createdAt" : "g.title";
        String direction = order.descending() ? "desc" : "asc";
        if (after != null) {
            String cmp = order.descending() ? "<" : ">";
            where.append(" and (").append(field).append(' ').append(cmp).append(" :afterValue or (").append(field)
                    .append(" = :afterValue and g.id ").append(cmp).append(" :afterId))");
            params.put("afterValue", order.field() == GoalOrder.Field.CREATED_AT ? after.createdAt() : after.value());
            params.put("afterId", after.id());
        }
        where.append(" order by ").append(field).append(' ').append(direction).append(", g.id ").append(direction);
        List<GoalEntity> rows = GoalEntity.<GoalEntity>find(where.toString(), params).page(0, limit + 1).list();
        return Page.of(rows.stream().map(this::toGoal).toList(), limit, order::cursorAfter);
    }

    private static void filter(GoalQuery query, StringBuilder where, Map<String, Object> params) {
        if (query.department() != null && !query.department().isBlank()) {
            where.append(" and (g.ownerDepartment = :department or exists (select 1 from GoalEntity d"
                    + " join d.contributingDepartments dd where d = g and dd = :department))");
            params.put("department", query.department());
        }
        if (query.period() != null && !query.period().isBlank()) {
            Period period = Period.parse(query.period()).orElseThrow(() -> ProblemException.invalid("period",
                    "must be a fiscal year like FY2026 or a quarter like FY2026-Q2"));
            where.append(" and g.fiscalYear = :fiscalYear");
            params.put("fiscalYear", period.fiscalYear());
            if (period.isQuarter()) {
                where.append(" and g.periodQuarter = :periodQuarter");
                params.put("periodQuarter", period.quarter().number());
            }
        }
        Boolean root = root(query.root());
        if (query.parentId() != null && !query.parentId().isBlank()) {
            if (Boolean.TRUE.equals(root)) {
                throw ProblemException.invalid("root", "root=true lists annual objectives, which have no parentId");
            }
            where.append(" and g.parentId = :parentId");
            params.put("parentId", uuid("parentId", query.parentId()));
        } else if (root != null) {
            where.append(root ? " and g.parentId is null" : " and g.parentId is not null");
        }
    }

    private static Boolean root(String root) {
        if (root == null || root.isBlank()) {
            return null;
        }
        return switch (root) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ProblemException.invalid("root", "must be true or false");
        };
    }

    private static UUID uuid(String field, String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid(field, "is not a goal id (a UUID): '" + value + "'");
        }
    }

    /**
     * Checks the goal against the rules, its parent and (when it exists) its sub-goals, and tells where it sits.
     * Locks the parent, so that sibling weights cannot change until this transaction ends.
     */
    private Placement place(UUID id, GoalRequest request, Actor actor, boolean exists) {
        List<FieldError> errors = GoalRules.violations(request);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        Period period = Period.parse(request.period()).orElseThrow();
        GoalWindow window = GoalRules.effectiveWindow(request.window(), period);
        BigDecimal weight = GoalRules.effectiveWeight(request.weight(), request.parentId() != null).orElse(null);
        Placement placement = new Placement(id, request.title(), period, window, weight);
        if (request.parentId() != null) {
            underParent(placement, request.parentId(), actor, exists, errors);
        }
        if (exists) {
            List<Placement> children = GoalEntity.<GoalEntity>list("parentId", id).stream()
                    .map(GoalEntity::placement).toList();
            errors.addAll(GoalRules.stillContainsChildren(placement, children));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return placement;
    }

    private void underParent(Placement goal, UUID parentId, Actor actor, boolean exists, List<FieldError> errors) {
        GoalEntity parent = GoalEntity.findById(parentId, LockModeType.PESSIMISTIC_WRITE);
        if (parent == null) {
            throw ProblemException.invalid("parentId", "no goal has the id " + parentId);
        }
        GoalPermissions.requireRead(actor, parent.ownerDepartment, parent.contributingDepartments, "The parent goal");
        if (exists) {
            GoalRules.notItsOwnAncestor(goal.id(), chainFrom(parent)).ifPresent(errors::add);
            if (!errors.isEmpty()) {
                return;
            }
        }
        GoalRules.weightOfSubGoal(goal.weight()).ifPresent(errors::add);
        errors.addAll(GoalRules.insideParent(goal, parent.placement()));
        if (goal.weight() != null) {
            List<BigDecimal> siblings = GoalEntity.<GoalEntity>list("parentId", parentId).stream()
                    .filter(s -> !s.id.equals(goal.id())).map(s -> s.weight).toList();
            GoalRules.siblingWeights(goal.weight(), siblings).ifPresent(errors::add);
        }
    }

    /** The goal, its parent, and so on up to its annual objective. */
    private static List<UUID> chainFrom(GoalEntity goal) {
        List<UUID> chain = new ArrayList<>();
        Set<UUID> seen = new HashSet<>();
        GoalEntity current = goal;
        while (current != null && seen.add(current.id)) {
            chain.add(current.id);
            current = current.parentId == null ? null : GoalEntity.findById(current.parentId);
        }
        return chain;
    }

    private static GoalEntity lockForChange(UUID id, Actor actor) {
        GoalEntity e = GoalEntity.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (e == null) {
            throw ProblemException.notFound("Goal", id.toString());
        }
        GoalPermissions.requireRead(actor, e.ownerDepartment, e.contributingDepartments, "This goal");
        GoalPermissions.requireManage(actor, e.ownerDepartment, "this goal");
        return e;
    }

    private static void requireVersion(GoalEntity e, int expectedVersion) {
        if (e.version != expectedVersion) {
            throw ProblemException.preconditionFailed("The goal is at version " + e.version + ", not "
                    + expectedVersion + "; read it again and reapply your change");
        }
    }

    private void apply(GoalEntity e, GoalRequest r, Placement p) {
        e.parentId = r.parentId();
        e.title = r.title();
        e.description = r.description();
        e.ownerDepartment = r.ownerDepartment();
        e.ownerPerson = r.ownerPerson();
        e.contributingDepartments.clear();
        if (r.contributingDepartments() != null) {
            e.contributingDepartments.addAll(r.contributingDepartments());
        }
        e.fiscalYear = p.period().fiscalYear();
        e.periodQuarter = p.period().isQuarter() ? p.period().quarter().number() : null;
        e.fromQuarter = p.window().fromQuarter().number();
        e.toQuarter = p.window().toQuarter().number();
        e.weight = p.weight();
        Measure m = r.measure();
        e.measureMetricKey = m == null ? null : m.metricKey();
        e.measureFilter = m == null ? null : write(m.filter());
        e.measureAggregation = m == null ? null : m.aggregation();
        e.baseline = r.baseline();
        e.baseTarget = r.baseTarget();
        e.challengeTarget = r.challengeTarget();
        e.direction = r.direction() == null ? Direction.HIGHER_IS_BETTER : r.direction();
        Plan plan = r.plan() == null ? Plan.LINEAR : r.plan();
        e.planType = plan.type();
        List<BigDecimal> milestones = plan.type() == PlanType.QUARTERLY_MILESTONES ? plan.milestones() : null;
        e.milestoneQ1 = milestones == null ? null : milestones.get(0);
        e.milestoneQ2 = milestones == null ? null : milestones.get(1);
        e.milestoneQ3 = milestones == null ? null : milestones.get(2);
        e.milestoneQ4 = milestones == null ? null : milestones.get(3);
    }

    /** 60.00 as 60 and 33.50 as 33.5 (the column keeps two decimals), never in exponent form (4E+1). */
    public static BigDecimal plain(BigDecimal d) {
        BigDecimal stripped = d.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    private String write(Map<String, String> filter) {
        try {
            return json.writeValueAsString(filter);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private Map<String, String> read(String filter) {
        try {
            return filter == null ? Map.of() : json.readValue(filter, FILTER);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("Stored measure filter is unreadable", ex);
        }
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }
}
