package dev.pacer.goal.checkin;

import dev.pacer.goal.tree.Actor;
import dev.pacer.goal.tree.GoalEntity;
import dev.pacer.goal.tree.GoalService;
import dev.pacer.goal.tree.GoalStatus;
import dev.pacer.platform.paging.Cursors;
import dev.pacer.platform.paging.Page;
import dev.pacer.platform.problem.ProblemException;
import dev.pacer.platform.security.Caller;
import dev.pacer.platform.security.Roles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/** Records and lists check-ins (see {@link CheckInPermissions} for who may check in). */
@ApplicationScoped
public class CheckInService {
    private final Caller caller;
    private final GoalService goals;
    private final Clock clock;

    public CheckInService(Caller caller, GoalService goals, Clock clock) {
        this.caller = caller;
        this.goals = goals;
        this.clock = clock;
    }

    @Transactional
    public CheckIn checkIn(UUID goalId, CheckInRequest request) {
        GoalEntity goal = goals.readable(goalId);
        Actor actor = Actor.of(caller);
        String department = CheckInPermissions.requireCheckIn(actor, caller.hasRole(Roles.MEMBER),
                goal.ownerDepartment, goal.contributingDepartments).orElse(null);
        if (goal.status == GoalStatus.CLOSED) {
            throw ProblemException.conflict("The goal is CLOSED; it takes no more check-ins");
        }
        CheckInEntity e = new CheckInEntity();
        e.id = UUID.randomUUID();
        e.goalId = goalId;
        e.author = actor.subject();
        e.department = department;
        e.comment = request.comment();
        e.confidence = request.confidence().shortValue();
        e.blockers = request.blockers() == null || request.blockers().isBlank() ? null : request.blockers();
        e.createdAt = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        e.persist();
        return toCheckIn(e);
    }

    /** The goal's check-ins, newest first. */
    @Transactional
    public Page<CheckIn> list(UUID goalId, int limit, String cursor) {
        goals.readable(goalId);
        String after = Cursors.decode(cursor);
        List<CheckInEntity> rows;
        if (after == null) {
            rows = CheckInEntity.<CheckInEntity>find("goalId = ?1 order by createdAt desc, id desc", goalId)
                    .page(0, limit + 1).list();
        } else {
            OffsetDateTime at;
            UUID id;
            try {
                int bar = after.indexOf('|');
                at = OffsetDateTime.parse(after.substring(0, bar));
                id = UUID.fromString(after.substring(bar + 1));
            } catch (RuntimeException ex) {
                throw ProblemException.invalid("cursor", "is not a cursor returned by this list");
            }
            rows = CheckInEntity.<CheckInEntity>find("goalId = ?1 and (createdAt < ?2 or (createdAt = ?2 and id < ?3)) "
                    + "order by createdAt desc, id desc", goalId, at, id).page(0, limit + 1).list();
        }
        Page<CheckInEntity> page = Page.of(rows, limit, c -> c.createdAt + "|" + c.id);
        return new Page<>(page.items().stream().map(CheckInService::toCheckIn).toList(), page.next());
    }

    private static CheckIn toCheckIn(CheckInEntity e) {
        return new CheckIn(e.id, e.goalId, e.author, e.department, e.comment, e.confidence, e.blockers, e.createdAt);
    }
}
