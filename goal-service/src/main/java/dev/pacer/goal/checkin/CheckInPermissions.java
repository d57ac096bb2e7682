package dev.pacer.goal.checkin;

import dev.pacer.goal.tree.Actor;
import dev.pacer.platform.problem.ProblemException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Who may check in on a goal: admins, and managers and members of its owner department or of a contributing
 * department. Viewers only read.
 */
public final class CheckInPermissions {
    private CheckInPermissions() {
    }

    /**
     * The department the caller checks in for (the owner department when they belong to it, else the first
     * contributing one they belong to); empty for an admin outside them.
     *
     * @throws ProblemException 403 when the caller may not check in on the goal
     */
    public static Optional<String> requireCheckIn(Actor actor, boolean member, String ownerDepartment,
            List<String> contributors) {
        List<String> goalDepartments = new ArrayList<>();
        goalDepartments.add(ownerDepartment);
        goalDepartments.addAll(contributors);
        Optional<String> mine = goalDepartments.stream().filter(actor.departments()::contains).findFirst();
        if (actor.admin()) {
            return mine;
        }
        if (!(actor.manager() || member)) {
            throw ProblemException.forbidden("Only the goal's owners and contributors (managers and members of its "
                    + "departments) check in");
        }
        return Optional.of(mine.orElseThrow(() -> ProblemException.forbidden("Check-ins come from the goal's "
                + "departments " + goalDepartments + "; your token lists " + List.copyOf(actor.departments()))));
    }
}
