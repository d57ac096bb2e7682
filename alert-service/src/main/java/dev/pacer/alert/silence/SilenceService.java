package dev.pacer.alert.silence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pacer.alert.paging.Keyset;
import dev.pacer.alert.security.DepartmentScope;
import dev.pacer.platform.paging.Page;
import dev.pacer.platform.problem.ProblemException;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Creates, lists and expires silences; who may do what is decided by {@link DepartmentScope}. */
@ApplicationScoped
public class SilenceService {
    private static final TypeReference<List<MatcherSpec>> MATCHERS = new TypeReference<>() { };

    private final ObjectMapper json;
    private final DepartmentScope scope;
    private final Clock clock;

    public SilenceService(ObjectMapper json, DepartmentScope scope, Clock clock) {
        this.json = json;
        this.scope = scope;
        this.clock = clock;
    }

    @Transactional
    public SilenceView create(NewSilence request) {
        Instant now = clock.instant();
        Silence silence = Silences.define(request, UUID.randomUUID(), scope.subject(), now);
        scope.requireManage(silence.departments(), "a silence");
        SilenceEntity e = new SilenceEntity();
        e.id = silence.id();
        e.createdBy = silence.createdBy();
        e.createdAt = silence.createdAt();
        copy(silence, e);
        e.persist();
        return SilenceView.of(silence, now);
    }

    public SilenceView get(UUID id) {
        Silence silence = toSilence(find(id, LockModeType.NONE));
        scope.requireRead(silence.departments());
        return SilenceView.of(silence, clock.instant());
    }

    /** Ends the silence now; it stays listed as expired. 409 if it already was. */
    @Transactional
    public SilenceView expire(UUID id) {
        SilenceEntity e = find(id, LockModeType.PESSIMISTIC_WRITE);
        Silence silence = toSilence(e);
        scope.requireManage(silence.departments(), "this silence");
        Instant now = clock.instant();
        if (silence.state(now) == SilenceState.EXPIRED) {
            throw ProblemException.conflict("Silence '" + id + "' already expired at " + silence.endsAt()
                    + (silence.expiredBy() == null ? "" : " (expired by " + silence.expiredBy() + ")"));
        }
        Silence expired = silence.expire(now, scope.subject());
        copy(expired, e);
        return SilenceView.of(expired, now);
    }

    /** Newest first; filtered by state (at the time of the call) and department, within what the caller may read. */
    public Page<SilenceView> list(Optional<SilenceState> state, Optional<String> department, int limit, String cursor) {
        Instant now = clock.instant();
        List<String> where = new ArrayList<>();
        Parameters params = new Parameters();
        if (!scope.restrictQuery(where, params, department)) {
            return new Page<>(List.of(), null);
        }
        state.ifPresent(s -> {
            where.add(switch (s) {
                case PENDING -> "startsAt > :now and endsAt > :now";
                case ACTIVE -> "startsAt <= :now and endsAt > :now";
                case EXPIRED -> "endsAt <= :now";
            });
            params.and("now", now);
        });
        Keyset after = Keyset.after(cursor);
        if (after != null) {
            where.add("(createdAt < :afterTime or (createdAt = :afterTime and id < :afterId))");
            params.and("afterTime", after.instant()).and("afterId", after.id());
        }
        Sort sort = Sort.descending("createdAt", "id");
        List<SilenceEntity> rows = (where.isEmpty()
                ? SilenceEntity.<SilenceEntity>findAll(sort)
                : SilenceEntity.<SilenceEntity>find(String.join(" and ", where), sort, params))
                .page(0, limit + 1).list();
        return Page.of(rows.stream().map(e -> SilenceView.of(toSilence(e), now)).toList(), limit,
                v -> Keyset.key(v.id(), v.createdAt().toInstant()));
    }

    /**
     * The silences active at {@code at} that cover one of {@code departments}, for the notifier (no caller: it is not
     * limited to anyone's departments).
     */
    public List<Silence> activeAt(java.util.Collection<String> departments, Instant at) {
        if (departments.isEmpty()) {
            return List.of();
        }
        return SilenceEntity.<SilenceEntity>find("startsAt <= :at and endsAt > :at "
                        + "and array_intersects(departments, :departments)",
                Parameters.with("at", at).and("departments", departments.toArray(String[]::new)))
                .list().stream().map(this::toSilence).toList();
    }

    private static SilenceEntity find(UUID id, LockModeType lock) {
        SilenceEntity e = SilenceEntity.findById(id, lock);
        if (e == null) {
            throw ProblemException.notFound("Silence", id.toString());
        }
        return e;
    }

    private void copy(Silence s, SilenceEntity e) {
        e.matchers = write(s.matchers().stream().map(MatcherSpec::of).toList());
        e.startsAt = s.startsAt();
        e.endsAt = s.endsAt();
        e.comment = s.comment();
        e.departments = s.departments().toArray(String[]::new);
        e.expiredBy = s.expiredBy();
    }

    private Silence toSilence(SilenceEntity e) {
        List<LabelMatcher> matchers = read(e.matchers).stream()
                .map(m -> LabelMatcher.of(m.name(), m.operator(), m.value())).toList();
        return new Silence(e.id, matchers, e.startsAt, e.endsAt, e.comment, Set.copyOf(Arrays.asList(e.departments)),
                e.createdBy, e.createdAt, e.expiredBy);
    }

    private String write(List<MatcherSpec> matchers) {
        try {
            return json.writeValueAsString(matchers);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private List<MatcherSpec> read(String s) {
        try {
            return json.readValue(s, MATCHERS);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("Stored silence matchers are unreadable", ex);
        }
    }
}
