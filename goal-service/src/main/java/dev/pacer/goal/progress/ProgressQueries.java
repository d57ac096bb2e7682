package dev.pacer.goal.progress;

import dev.pacer.goal.adjustment.Adjustment;
import dev.pacer.goal.adjustment.AdjustmentService;
import dev.pacer.goal.tree.GoalEntity;
import dev.pacer.goal.tree.GoalService;
import dev.pacer.platform.paging.Cursors;
import dev.pacer.platform.paging.Page;
import dev.pacer.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/** Reads the progress of goals the caller may read (the tree's read permissions). */
@ApplicationScoped
public class ProgressQueries {
    private final GoalService goals;
    private final AdjustmentService adjustments;

    public ProgressQueries(GoalService goals, AdjustmentService adjustments) {
        this.goals = goals;
        this.adjustments = adjustments;
    }

    /** The goal's current progress, with its attainment against the targets it started with. */
    public GoalProgress current(UUID goalId) {
        GoalEntity goal = goals.readable(goalId);
        GoalProgressEntity e = GoalProgressEntity.findById(goalId);
        if (e == null) {
            throw new ProblemException(404, "no-progress", "No progress yet", "Goal '" + goalId + "' has no "
                    + "progress yet: progress is tracked from the goal's activation");
        }
        Adjustment first = adjustments.first(goalId).orElse(null);
        BigDecimal base = first == null ? e.baseTarget : first.previousBaseTarget();
        BigDecimal challenge = first == null ? e.challengeTarget : first.previousChallengeTarget();
        BigDecimal actual = e.measured ? e.actual : null;
        GoalProgress.Original original = new GoalProgress.Original(base, challenge,
                Attainment.of(goal.direction, actual, base), Attainment.of(goal.direction, actual, challenge),
                first == null ? 0 : adjustments.count(goalId));
        return GoalProgress.of(e, original);
    }

    /** The goal's progress changes, oldest first. */
    public Page<ProgressPoint> history(UUID goalId, int limit, String cursor) {
        goals.readable(goalId);
        String after = Cursors.decode(cursor);
        long afterId;
        try {
            afterId = after == null ? 0 : Long.parseLong(after);
        } catch (NumberFormatException e) {
            throw ProblemException.invalid("cursor", "is not a cursor returned by this list");
        }
        List<ProgressHistoryEntity> rows = ProgressHistoryEntity.<ProgressHistoryEntity>find(
                "goalId = ?1 and id > ?2 order by id", goalId, afterId).page(0, limit + 1).list();
        Page<ProgressHistoryEntity> page = Page.of(rows, limit, h -> h.id.toString());
        return new Page<>(page.items().stream().map(ProgressPoint::of).toList(), page.next());
    }
}
