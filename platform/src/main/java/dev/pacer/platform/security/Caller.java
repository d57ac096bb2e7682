package dev.pacer.platform.security;

import dev.pacer.platform.problem.ProblemException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.json.JsonArray;
import jakarta.json.JsonString;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who is calling: subject, roles and departments from the bearer token. Object-level checks
 * (is this goal in one of my departments?) go through {@link #requireAnyDepartment(Collection)}.
 */
@RequestScoped
public class Caller {
    private final SecurityIdentity identity;
    private final JsonWebToken jwt;

    public Caller(SecurityIdentity identity, JsonWebToken jwt) {
        this.identity = identity;
        this.jwt = jwt;
    }

    public String subject() {
        return identity.isAnonymous() ? "anonymous" : identity.getPrincipal().getName();
    }

    public boolean hasRole(String role) {
        return identity.hasRole(role);
    }

    public boolean isAdmin() {
        return hasRole(Roles.ADMIN);
    }

    public Set<String> departments() {
        return departmentsOf(jwt == null ? null : jwt.getClaim(Roles.DEPARTMENTS_CLAIM));
    }

    /** True when the caller is an admin or belongs to one of the given departments. */
    public boolean canSeeAny(Collection<String> departments) {
        if (isAdmin()) {
            return true;
        }
        Set<String> mine = departments();
        return departments.stream().anyMatch(mine::contains);
    }

    public void requireAnyDepartment(Collection<String> departments) {
        if (!canSeeAny(departments)) {
            throw ProblemException.forbidden("This belongs to departments your token does not list");
        }
    }

    static Set<String> departmentsOf(Object claim) {
        Set<String> result = new LinkedHashSet<>();
        if (claim instanceof JsonArray array) {
            array.forEach(v -> result.add(v instanceof JsonString s ? s.getString() : v.toString()));
        } else if (claim instanceof Collection<?> c) {
            c.forEach(v -> result.add(String.valueOf(v)));
        } else if (claim instanceof String s && !s.isBlank()) {
            for (String part : s.split(",")) {
                if (!part.isBlank()) {
                    result.add(part.trim());
                }
            }
        }
        return result;
    }
}
