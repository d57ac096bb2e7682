package dev.pacer.goal.adjustment;

import dev.pacer.goal.tree.Actor;
import dev.pacer.goal.tree.GoalChanged;
import dev.pacer.goal.tree.GoalEntity;
import dev.pacer.goal.tree.GoalPermissions;
import dev.pacer.goal.tree.GoalService;
import dev.pacer.goal.tree.GoalStatus;
import dev.pacer.platform.calendar.FiscalCalendar;
import dev.pacer.platform.paging.Cursors;
import dev.pacer.platform.paging.Page;
import dev.pacer.platform.problem.Problem.FieldError;
import dev.pacer.platform.problem.ProblemException;
import dev.pacer.platform.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Changes a goal's targets as adjustments: the old targets are kept in the adjustment, the goal takes the new ones,
 * and its progress follows in the same transaction. Only managers of the owner department (and admins) adjust.
 */
@ApplicationScoped
public class AdjustmentService {
    private final Caller caller;
    private final GoalService goals;
    private final FiscalCalendar calendar;
    private final Clock clock;
    private final Event<GoalChanged> changes;

    public AdjustmentService(Caller caller, GoalService goals, FiscalCalendar calendar, Clock clock,
            Event<GoalChanged> changes) {
        this.caller = caller;
        this.goals = goals;
        this.calendar = calendar;
        this.clock = clock;
        this.changes = changes;
    }

    @Transactional
    public Adjustment adjust(UUID goalId, Integer expectedVersion, AdjustmentRequest request) {
        Actor actor = Actor.of(caller);
        GoalEntity g = GoalEntity.findById(goalId, LockModeType.PESSIMISTIC_WRITE);
        if (g == null) {
            throw ProblemException.notFound("Goal", goalId.toString());
        }
        GoalPermissions.requireRead(actor, g.ownerDepartment, g.contributingDepartments, "This goal");
        GoalPermissions.requireManage(actor, g.ownerDepartment, "this goal");
        if (expectedVersion != null && g.version != expectedVersion) {
            throw ProblemException.preconditionFailed("The goal is at version " + g.version + ", not "
                    + expectedVersion + "; read it again and reapply your change");
        }
        if (g.status == GoalStatus.CLOSED) {
            throw ProblemException.conflict("The goal is CLOSED; its targets can no longer change");
        }
        List<FieldError> errors = AdjustmentRules.violations(request, g.direction,
                calendar.fiscalQuarter(g.fiscalYear, g.fromQuarter).start(),
                calendar.fiscalQuarter(g.fiscalYear, g.toQuarter).end(), calendar.dateOf(clock.instant()));
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        AdjustmentEntity a = new AdjustmentEntity();
        a.id = UUID.randomUUID();
        a.goalId = goalId;
        a.previousBaseTarget = g.baseTarget;
        a.previousChallengeTarget = g.challengeTarget;
        a.baseTarget = request.baseTarget();
        a.challengeTarget = request.challengeTarget();
        a.reason = request.reason();
        a.author = actor.subject();
        a.effectiveDate = request.effectiveDate();
        a.createdAt = now;
        a.persist();
        g.baseTarget = request.baseTarget();
        g.challengeTarget = request.challengeTarget();
        g.version++;
        g.updatedAt = now;
        g.updatedBy = actor.subject();
        changes.fire(new GoalChanged(goalId, g.parentId));
        return toAdjustment(a);
    }

    /** The goal's adjustments, oldest first. */
    public Page<Adjustment> list(UUID goalId, int limit, String cursor) {
        goals.readable(goalId);
        String after = Cursors.decode(cursor);
        List<AdjustmentEntity> rows = after == null
                ? AdjustmentEntity.<AdjustmentEntity>find("goalId = ?1 order by createdAt, id", goalId)
                        .page(0, limit + 1).list()
                : AdjustmentEntity.<AdjustmentEntity>find("goalId = ?1 and (createdAt > ?2 or (createdAt = ?2 and "
                        + "id > ?3)) order by createdAt, id", goalId, afterTime(after), afterId(after))
                        .page(0, limit + 1).list();
        Page<AdjustmentEntity> page = Page.of(rows, limit, a -> a.createdAt + "|" + a.id);
        return new Page<>(page.items().stream().map(AdjustmentService::toAdjustment).toList(), page.next());
    }

    /** The goal's first adjustment, which holds the targets it started with; empty when it was never adjusted. */
    public Optional<Adjustment> first(UUID goalId) {
        return AdjustmentEntity.<AdjustmentEntity>find("goalId = ?1 order by createdAt, id", goalId)
                .<AdjustmentEntity>firstResultOptional().map(AdjustmentService::toAdjustment);
    }

    /** How many times the goal's targets were adjusted. */
    public long count(UUID goalId) {
        return AdjustmentEntity.count("goalId", goalId);
    }

    private static OffsetDateTime afterTime(String cursor) {
        try {
            return OffsetDateTime.parse(cursor.substring(0, cursor.indexOf('|')));
        } catch (RuntimeException e) {
            throw ProblemException.invalid("cursor", "is not a cursor returned by this list");
        }
    }

    private static UUID afterId(String cursor) {
        try {
            return UUID.fromString(cursor.substring(cursor.indexOf('|') + 1));
        } catch (RuntimeException e) {
            throw ProblemException.invalid("cursor", "is not a cursor returned by this list");
        }
    }

    private static Adjustment toAdjustment(AdjustmentEntity a) {
        return new Adjustment(a.id, a.goalId, a.previousBaseTarget, a.previousChallengeTarget, a.baseTarget,
                a.challengeTarget, a.reason, a.author, a.effectiveDate, a.createdAt);
    }
}
