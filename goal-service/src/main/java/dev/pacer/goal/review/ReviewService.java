package dev.pacer.goal.review;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pacer.events.Grain;
import dev.pacer.goal.checkin.CheckInEntity;
import dev.pacer.goal.progress.ProgressHistoryEntity;
import dev.pacer.goal.progress.ProgressWindow;
import dev.pacer.goal.tree.Actor;
import dev.pacer.goal.tree.GoalEntity;
import dev.pacer.goal.tree.GoalPermissions;
import dev.pacer.goal.tree.GoalService;
import dev.pacer.goal.tree.GoalStatus;
import dev.pacer.platform.calendar.FiscalCalendar;
import dev.pacer.platform.calendar.Period;
import dev.pacer.platform.paging.Cursors;
import dev.pacer.platform.paging.Page;
import dev.pacer.platform.problem.ProblemException;
import dev.pacer.platform.security.Caller;
import dev.pacer.platform.security.Roles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Generates, stores and reads reviews and their action items. A review covers the tracked (active or closed) goals of
 * the period's fiscal year whose window overlaps the period, narrowed to a sub-tree or an owner department when asked,
 * and only goals the author may read. Who may read a review: admins, and readers who may read every goal in it (and
 * whose departments include the review's department, when it has one). Managers and admins generate reviews and add
 * action items; an action's owner may also set its status.
 */
@ApplicationScoped
public class ReviewService {
    private final Caller caller;
    private final GoalService goals;
    private final FiscalCalendar calendar;
    private final ObjectMapper json;
    private final Clock clock;

    public ReviewService(Caller caller, GoalService goals, FiscalCalendar calendar, ObjectMapper json, Clock clock) {
        this.caller = caller;
        this.goals = goals;
        this.calendar = calendar;
        this.json = json;
        this.clock = clock;
    }

    @Transactional
    public Review create(ReviewRequest request) {
        Period period = ReviewPeriods.parse(calendar, request.period()).orElseThrow(() -> ProblemException.invalid(
                "period", "must be a month (2026-07), a fiscal quarter (FY2026-Q3) or a fiscal year (FY2026)"));
        Actor actor = Actor.of(caller);
        String department = request.department() == null || request.department().isBlank() ? null
                : request.department().trim();
        if (department != null && !actor.admin() && !actor.departments().contains(department)) {
            throw ProblemException.forbidden("Reviews of " + department + " are made within that department; your "
                    + "token lists " + List.copyOf(actor.departments()));
        }
        if (request.rootGoalId() != null) {
            if (GoalEntity.findById(request.rootGoalId()) == null) {
                throw ProblemException.invalid("rootGoalId", "no goal has the id " + request.rootGoalId());
            }
            goals.readable(request.rootGoalId());
        }
        int fiscalYear = Integer.parseInt(calendar.periodOf(Grain.YEAR, period.start()).label().substring(2));
        List<GoalEntity> all = GoalEntity.<GoalEntity>list("fiscalYear = ?1 and status in ?2", fiscalYear,
                List.of(GoalStatus.ACTIVE, GoalStatus.CLOSED));
        Set<UUID> inScope = request.rootGoalId() == null ? null : subTree(request.rootGoalId(), all);
        List<GoalEntity> reviewed = all.stream()
                .filter(g -> inScope == null || inScope.contains(g.id))
                .filter(g -> department == null || department.equals(g.ownerDepartment))
                .filter(g -> GoalPermissions.canRead(actor, g.ownerDepartment, g.contributingDepartments))
                .filter(g -> overlaps(g, period))
                .sorted(Comparator.comparing((GoalEntity g) -> g.createdAt).thenComparing(g -> g.id))
                .toList();
        List<UUID> ids = reviewed.stream().map(g -> g.id).toList();
        List<ReviewComposer.Point> history = new ArrayList<>();
        List<ReviewComposer.CheckInInput> checkIns = new ArrayList<>();
        if (!ids.isEmpty()) {
            ProgressHistoryEntity.<ProgressHistoryEntity>list("goalId in ?1 and asOf < ?2 order by id", ids,
                    period.end()).forEach(h -> history.add(new ReviewComposer.Point(h.goalId, h.asOf, h.status,
                            h.previousStatus, plain(h.attainmentToDate), plain(h.attainmentBase), plain(h.actual),
                            plain(h.expectedBase), plain(h.baseTarget))));
            OffsetDateTime from = period.start().atStartOfDay(calendar.zone()).toOffsetDateTime();
            OffsetDateTime to = period.end().atStartOfDay(calendar.zone()).toOffsetDateTime();
            CheckInEntity.<CheckInEntity>list("goalId in ?1 and createdAt >= ?2 and createdAt < ?3 order by createdAt",
                    ids, from, to).forEach(c -> checkIns.add(new ReviewComposer.CheckInInput(c.goalId, c.author,
                            c.confidence, c.blockers, calendar.dateOf(c.createdAt.toInstant()), c.createdAt)));
        }
        ReviewContent content = ReviewComposer.compose(period.start(), period.end(), reviewed.stream()
                .map(g -> new ReviewComposer.GoalInput(g.id, g.parentId, g.title, g.ownerDepartment, g.ownerPerson,
                        g.contributingDepartments, plain(g.weight)))
                .toList(), history, checkIns);

        ReviewEntity e = new ReviewEntity();
        e.id = UUID.randomUUID();
        e.period = period.label();
        e.periodStart = period.start();
        e.periodEnd = period.end();
        e.rootGoalId = request.rootGoalId();
        e.department = department;
        e.content = write(content);
        e.createdAt = now();
        e.createdBy = actor.subject();
        e.persist();
        return toReview(e, content, List.of());
    }

    /**
     * The reviews the caller may read, newest first, optionally of one period ({@code 2026-07}, {@code FY2026-Q3},
     * {@code FY2026}) and one department. Reviews covering goals of other departments are skipped, not refused.
     */
    @Transactional
    public Page<ReviewSummary> list(String period, String department, int limit, String cursor) {
        String label = null;
        if (period != null && !period.isBlank()) {
            label = ReviewPeriods.parse(calendar, period.trim()).orElseThrow(() -> ProblemException.invalid("period",
                    "must be a month (2026-07), a fiscal quarter (FY2026-Q3) or a fiscal year (FY2026)")).label();
        }
        String dept = department == null || department.isBlank() ? null : department.trim();
        String after = Cursors.decode(cursor);
        OffsetDateTime afterAt = null;
        UUID afterId = null;
        if (after != null) {
            try {
                int bar = after.indexOf('|');
                afterAt = OffsetDateTime.parse(after.substring(0, bar));
                afterId = UUID.fromString(after.substring(bar + 1));
            } catch (RuntimeException ex) {
                throw ProblemException.invalid("cursor", "is not a cursor returned by this list");
            }
        }
        Actor actor = Actor.of(caller);
        int chunk = Math.max(limit + 1, 50);
        List<ReviewEntity> kept = new ArrayList<>();
        Map<UUID, ReviewContent> contents = new HashMap<>();
        while (kept.size() <= limit) {
            StringBuilder where = new StringBuilder("1 = 1");
            Map<String, Object> params = new HashMap<>();
            if (label != null) {
                where.append(" and period = :period");
                params.put("period", label);
            }
            if (dept != null) {
                where.append(" and department = :department");
                params.put("department", dept);
            }
            if (afterAt != null) {
                where.append(" and (createdAt < :at or (createdAt = :at and id < :id))");
                params.put("at", afterAt);
                params.put("id", afterId);
            }
            List<ReviewEntity> rows = ReviewEntity.<ReviewEntity>find(where + " order by createdAt desc, id desc",
                    params).page(0, chunk).list();
            for (ReviewEntity r : rows) {
                ReviewContent content = read(r.content);
                if (canRead(actor, r, content)) {
                    kept.add(r);
                    contents.put(r.id, content);
                    if (kept.size() > limit) {
                        break;
                    }
                }
            }
            if (rows.size() < chunk) {
                break;
            }
            ReviewEntity last = rows.get(rows.size() - 1);
            afterAt = last.createdAt;
            afterId = last.id;
        }
        Page<ReviewEntity> page = Page.of(kept, limit, r -> r.createdAt + "|" + r.id);
        List<UUID> ids = page.items().stream().map(r -> r.id).toList();
        Map<UUID, Integer> open = new HashMap<>();
        if (!ids.isEmpty()) {
            ActionEntity.<ActionEntity>list("reviewId in ?1 and status = ?2", ids, ActionStatus.OPEN)
                    .forEach(a -> open.merge(a.reviewId, 1, Integer::sum));
        }
        return new Page<>(page.items().stream().map(r -> {
            ReviewContent c = contents.get(r.id);
            return new ReviewSummary(r.id, r.period, r.periodStart, r.periodEnd.minusDays(1), r.rootGoalId,
                    r.department, r.createdAt, r.createdBy, c.goals().size(), c.laggards().size(),
                    open.getOrDefault(r.id, 0));
        }).toList(), page.next());
    }

    @Transactional
    public Review get(UUID id) {
        ReviewEntity e = ReviewEntity.findById(id);
        if (e == null) {
            throw ProblemException.notFound("Review", id.toString());
        }
        ReviewContent content = read(e.content);
        requireRead(e, content);
        List<Action> actions = ActionEntity.<ActionEntity>list("reviewId = ?1 order by createdAt, id", id).stream()
                .map(Action::of).toList();
        return toReview(e, content, actions);
    }

    @Transactional
    public Action addAction(UUID reviewId, ActionRequest request) {
        Review review = get(reviewId);
        OffsetDateTime now = now();
        ActionEntity a = new ActionEntity();
        a.id = UUID.randomUUID();
        a.reviewId = review.id();
        a.title = request.title();
        a.owner = request.owner();
        a.dueDate = request.dueDate();
        a.status = ActionStatus.OPEN;
        a.version = 1;
        a.createdAt = now;
        a.createdBy = caller.subject();
        a.updatedAt = now;
        a.updatedBy = caller.subject();
        a.persist();
        return Action.of(a);
    }

    @Transactional
    public Action setStatus(UUID reviewId, UUID actionId, Integer expectedVersion, ActionStatusRequest request) {
        get(reviewId);
        ActionEntity a = ActionEntity.findById(actionId, LockModeType.PESSIMISTIC_WRITE);
        if (a == null || !a.reviewId.equals(reviewId)) {
            throw ProblemException.notFound("Action item", actionId.toString());
        }
        boolean manages = caller.isAdmin() || caller.hasRole(Roles.MANAGER);
        if (!manages && !caller.subject().equals(a.owner)) {
            throw ProblemException.forbidden("Only admins, managers and the action's owner " + a.owner
                    + " may change its status");
        }
        if (expectedVersion != null && expectedVersion != a.version) {
            throw ProblemException.preconditionFailed("The action item is at version " + a.version + ", not "
                    + expectedVersion);
        }
        if (a.status != request.status()) {
            a.status = request.status();
            a.version++;
            a.updatedAt = now();
            a.updatedBy = caller.subject();
        }
        return Action.of(a);
    }

    private void requireRead(ReviewEntity e, ReviewContent content) {
        Actor actor = Actor.of(caller);
        if (!canRead(actor, e, content)) {
            throw ProblemException.forbidden("This review covers goals of departments other than those your token "
                    + "lists " + List.copyOf(actor.departments()));
        }
    }

    /** Admins read every review; others those of their departments whose every goal they may read. */
    private static boolean canRead(Actor actor, ReviewEntity e, ReviewContent content) {
        if (actor.admin()) {
            return true;
        }
        boolean inDepartment = actor.reader() && (e.department == null || actor.departments().contains(e.department));
        return inDepartment && content.goals().stream().allMatch(g -> GoalPermissions.canRead(actor,
                g.ownerDepartment(), g.contributingDepartments()));
    }

    private boolean overlaps(GoalEntity g, Period period) {
        ProgressWindow w = ProgressWindow.of(calendar, g.period(), g.window());
        return w.start().isBefore(period.end()) && w.end().isAfter(period.start());
    }

    private static Set<UUID> subTree(UUID root, List<GoalEntity> all) {
        Map<UUID, List<UUID>> children = new HashMap<>();
        all.forEach(g -> {
            if (g.parentId != null) {
                children.computeIfAbsent(g.parentId, k -> new ArrayList<>()).add(g.id);
            }
        });
        Set<UUID> seen = new HashSet<>();
        List<UUID> todo = new ArrayList<>(List.of(root));
        while (!todo.isEmpty()) {
            UUID id = todo.remove(todo.size() - 1);
            if (seen.add(id)) {
                todo.addAll(children.getOrDefault(id, List.of()));
            }
        }
        return seen;
    }

    private static Review toReview(ReviewEntity e, ReviewContent c, List<Action> actions) {
        return new Review(e.id, e.period, e.periodStart, e.periodEnd.minusDays(1), e.rootGoalId, e.department,
                e.createdAt, e.createdBy, c.goals(), c.statusChanges(), c.laggards(), c.checkIns(), actions);
    }

    private static BigDecimal plain(BigDecimal value) {
        return value == null ? null : GoalService.plain(value);
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }

    private String write(ReviewContent content) {
        try {
            return json.writeValueAsString(content);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("cannot store a review", ex);
        }
    }

    private ReviewContent read(String text) {
        try {
            return json.readValue(text, ReviewContent.class);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("cannot read a stored review", ex);
        }
    }
}
