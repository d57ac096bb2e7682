package dev.pacer.alert.security;

import dev.pacer.platform.problem.ProblemException;
import dev.pacer.platform.security.Caller;
import dev.pacer.platform.security.Roles;
import jakarta.enterprise.context.RequestScoped;
import io.quarkus.panache.common.Parameters;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Object-level permissions of alert-service, on top of the endpoint roles: an admin reads and manages everything; a
 * manager manages what belongs only to their departments; everyone else reads what touches one of theirs.
 */
@RequestScoped
public class DepartmentScope {
    private final Caller caller;

    public DepartmentScope(Caller caller) {
        this.caller = caller;
    }

    public String subject() {
        return caller.subject();
    }

    /** 403 unless the caller may read something of these departments. */
    public void requireRead(Collection<String> departments) {
        caller.requireAnyDepartment(departments);
    }

    /** 403 unless the caller may manage something that belongs to all these departments. */
    public void requireManage(Collection<String> departments, String what) {
        if (!canManage(caller.isAdmin(), caller.hasRole(Roles.MANAGER), caller.departments(), departments)) {
            throw ProblemException.forbidden("Only an admin, or a manager of every department it covers, may manage "
                    + what + "; it covers " + new TreeSet<>(departments) + ", and your token lists "
                    + caller.departments());
        }
    }

    /** The departments the caller's reads are limited to; empty for an admin, who sees all. */
    public Optional<Set<String>> readableDepartments() {
        return caller.isAdmin() ? Optional.empty() : Optional.of(caller.departments());
    }

    /** Admins manage anything; managers what lies wholly within their departments; nobody else anything. */
    public static boolean canManage(boolean admin, boolean manager, Set<String> mine, Collection<String> target) {
        if (admin) {
            return true;
        }
        return manager && !target.isEmpty() && mine.containsAll(target);
    }

    /**
     * Restricts a query on a {@code departments} array column to what the caller may read, and to {@code department}
     * when given. Returns false when the caller may read nothing (the query need not run).
     */
    public boolean restrictQuery(List<String> where, Parameters params, Optional<String> department) {
        Optional<Set<String>> readable = readableDepartments();
        if (readable.isPresent()) {
            if (readable.get().isEmpty()) {
                return false;
            }
            where.add("array_intersects(departments, :readable)");
            params.and("readable", readable.get().toArray(String[]::new));
        }
        department.ifPresent(d -> {
            where.add("array_contains(departments, :department)");
            params.and("department", d);
        });
        return true;
    }
}
