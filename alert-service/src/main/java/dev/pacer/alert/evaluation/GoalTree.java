package dev.pacer.alert.evaluation;

import dev.pacer.events.GoalProgressChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The goal tree as learnt from {@code pacer.goal-progress} (each event names the goal's parent), so a rule on a goal
 * subtree matches the goals below its root. A later progress event replaces what an earlier one said.
 */
@ApplicationScoped
public class GoalTree {
    /** Deeper than any real goal tree; stops a cycle in bad data from looping. */
    static final int MAX_DEPTH = 64;

    private final EntityManager em;

    public GoalTree(EntityManager em) {
        this.em = em;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void record(GoalProgressChanged p) {
        em.createNativeQuery("insert into goal_node (goal_id, parent_goal_id, departments, as_of) "
                        + "values (?1, ?2, cast(?3 as varchar[]), ?4) on conflict (goal_id) do update set "
                        + "parent_goal_id = excluded.parent_goal_id, departments = excluded.departments, "
                        + "as_of = excluded.as_of where goal_node.as_of <= excluded.as_of")
                .setParameter(1, p.goalId()).setParameter(2, p.parentGoalId())
                .setParameter(3, departments(p).toArray(String[]::new))
                .setParameter(4, Timestamp.from(p.asOf().toInstant())).executeUpdate();
    }

    /** The goal and its ancestors, nearest first. */
    @SuppressWarnings("unchecked")
    public Set<String> selfAndAncestors(String goalId) {
        List<String> ids = em.createNativeQuery("with recursive up(goal_id, parent_goal_id, depth) as ("
                        + " select goal_id, parent_goal_id, 0 from goal_node where goal_id = ?1"
                        + " union all select g.goal_id, g.parent_goal_id, up.depth + 1 from goal_node g"
                        + " join up on g.goal_id = up.parent_goal_id where up.depth < ?2)"
                        + " select goal_id from up order by depth")
                .setParameter(1, goalId).setParameter(2, MAX_DEPTH).getResultList();
        Set<String> result = new LinkedHashSet<>();
        result.add(goalId);
        result.addAll(ids);
        return result;
    }

    /** The owner department first, then the others. */
    public static List<String> departments(GoalProgressChanged p) {
        Set<String> all = new LinkedHashSet<>();
        all.add(p.ownerDepartment());
        all.addAll(p.departments());
        return List.copyOf(all);
    }
}
