package dev.pacer.goal.tree;

import dev.pacer.platform.security.Caller;
import dev.pacer.platform.security.Roles;
import java.util.Set;

/**
 * The caller as the goal permissions see it: roles that matter here and the departments the token lists.
 *
 * @param reader true for the roles that read goals of their departments (manager, member, viewer)
 */
public record Actor(String subject, boolean admin, boolean manager, boolean reader, Set<String> departments) {
    public Actor {
        departments = Set.copyOf(departments);
    }

    public static Actor of(Caller caller) {
        boolean manager = caller.hasRole(Roles.MANAGER);
        return new Actor(caller.subject(), caller.isAdmin(), manager,
                manager || caller.hasRole(Roles.MEMBER) || caller.hasRole(Roles.VIEWER), caller.departments());
    }
}
