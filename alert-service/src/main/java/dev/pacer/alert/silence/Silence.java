package dev.pacer.alert.silence;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;

/**
 * A silence: while it is active, alerts of its departments whose labels satisfy all its matchers notify nobody.
 * Immutable; its state is derived from the instant asked about, so the same silence is pending, active and expired
 * as the clock moves. An alert names its department in the label {@value #DEPARTMENT_LABEL}; a silence never
 * silences an alert of a department it was not made for.
 */
public final class Silence {
    /** The label that carries the department of an alert's subject. */
    public static final String DEPARTMENT_LABEL = "department";

    private final UUID id;
    private final List<LabelMatcher> matchers;
    private final Instant startsAt;
    private final Instant endsAt;
    private final String comment;
    private final SortedSet<String> departments;
    private final String createdBy;
    private final Instant createdAt;
    private final String expiredBy;

    public Silence(UUID id, List<LabelMatcher> matchers, Instant startsAt, Instant endsAt, String comment,
            Set<String> departments, String createdBy, Instant createdAt, String expiredBy) {
        this.id = Objects.requireNonNull(id, "id");
        this.matchers = List.copyOf(matchers);
        this.startsAt = Objects.requireNonNull(startsAt, "startsAt");
        this.endsAt = Objects.requireNonNull(endsAt, "endsAt");
        this.comment = Objects.requireNonNull(comment, "comment");
        this.departments = new TreeSet<>(departments);
        this.createdBy = Objects.requireNonNull(createdBy, "createdBy");
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
        this.expiredBy = expiredBy;
        if (this.matchers.isEmpty()) {
            throw new IllegalArgumentException("A silence needs at least one matcher");
        }
        if (this.departments.isEmpty()) {
            throw new IllegalArgumentException("A silence needs at least one department");
        }
        if (endsAt.isBefore(startsAt)) {
            throw new IllegalArgumentException("A silence cannot end (" + endsAt + ") before it starts (" + startsAt + ")");
        }
    }

    /** Pending before its start, active from its start until (excluding) its end, expired from its end on. */
    public SilenceState state(Instant at) {
        if (!at.isBefore(endsAt)) {
            return SilenceState.EXPIRED;
        }
        return at.isBefore(startsAt) ? SilenceState.PENDING : SilenceState.ACTIVE;
    }

    /**
     * Whether this silence mutes an alert with these labels at this instant: it is active, the alert's
     * {@value #DEPARTMENT_LABEL} is one of its departments, and every matcher holds.
     */
    public boolean matches(Map<String, String> labels, Instant at) {
        if (state(at) != SilenceState.ACTIVE) {
            return false;
        }
        String department = labels.get(DEPARTMENT_LABEL);
        if (department == null || !departments.contains(department)) {
            return false;
        }
        for (LabelMatcher m : matchers) {
            if (!m.matches(labels)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The silence ended now, by {@code by}: a pending silence never starts, an active one stops. It is kept (for
     * the record), not deleted.
     *
     * @throws IllegalStateException if it has already expired
     */
    public Silence expire(Instant now, String by) {
        if (state(now) == SilenceState.EXPIRED) {
            throw new IllegalStateException("Silence " + id + " expired at " + endsAt);
        }
        Instant start = startsAt.isAfter(now) ? now : startsAt;
        return new Silence(id, matchers, start, now, comment, departments, createdBy, createdAt, by);
    }

    public UUID id() {
        return id;
    }

    public List<LabelMatcher> matchers() {
        return matchers;
    }

    public Instant startsAt() {
        return startsAt;
    }

    public Instant endsAt() {
        return endsAt;
    }

    public String comment() {
        return comment;
    }

    /** Sorted. */
    public SortedSet<String> departments() {
        return java.util.Collections.unmodifiableSortedSet(departments);
    }

    public String createdBy() {
        return createdBy;
    }

    public Instant createdAt() {
        return createdAt;
    }

    /** Who expired it before its planned end; null if nobody did. */
    public String expiredBy() {
        return expiredBy;
    }

    @Override
    public String toString() {
        return "Silence " + id + " " + matchers + " " + departments + " [" + startsAt + ", " + endsAt + ")";
    }
}
