package dev.pacer.goal.tree;

import dev.pacer.platform.problem.ProblemException;
import java.util.Collection;
import java.util.List;

/**
 * Who may do what with a goal (architecture §5), deny by default: admins everything; managers, members and
 * viewers read goals owned by or contributed to by one of their departments; managers create, change and delete
 * goals owned by one of their departments. A goal outside the caller's departments answers 403 (never 404), so
 * 404 always means that no goal has the id.
 */
public final class GoalPermissions {
    private GoalPermissions() {
    }

    /** True when the caller may read a goal with this owner and these contributing departments. */
    public static boolean canRead(Actor actor, String ownerDepartment, Collection<String> contributors) {
        if (actor.admin()) {
            return true;
        }
        if (!actor.reader()) {
            return false;
        }
        return actor.departments().contains(ownerDepartment) || contributors.stream().anyMatch(actor.departments()::contains);
    }

    /** 403 unless the caller may read the goal. */
    public static void requireRead(Actor actor, String ownerDepartment, Collection<String> contributors, String what) {
        if (!canRead(actor, ownerDepartment, contributors)) {
            throw ProblemException.forbidden(what + " belongs to departments other than those your token lists "
                    + List.copyOf(actor.departments()));
        }
    }

    /** True when the caller may create, change or delete a goal owned by this department. */
    public static boolean canManage(Actor actor, String ownerDepartment) {
        return actor.admin() || (actor.manager() && actor.departments().contains(ownerDepartment));
    }

    /** 403 unless the caller may create, change or delete a goal owned by this department. */
    public static void requireManage(Actor actor, String ownerDepartment, String what) {
        if (!canManage(actor, ownerDepartment)) {
            throw ProblemException.forbidden(actor.manager()
                    ? "Managers manage goals owned by their own departments " + List.copyOf(actor.departments())
                            + "; " + what + " is owned by " + ownerDepartment
                    : "Only admins and managers of the owner department may change goals");
        }
    }
}
