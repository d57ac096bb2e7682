package dev.pacer.alert.rule;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pacer.alert.paging.Keyset;
import dev.pacer.alert.security.DepartmentScope;
import dev.pacer.events.Severity;
import dev.pacer.platform.paging.Page;
import dev.pacer.platform.problem.ProblemException;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/** Creates, changes, lists and deletes alert rules, and hands enabled rules to the evaluator. */
@ApplicationScoped
public class RuleService {
    private static final TypeReference<Map<String, String>> LABELS = new TypeReference<>() { };

    private final ObjectMapper json;
    private final DepartmentScope scope;
    private final Clock clock;
    /** The enabled rules as of a {@code rule_version}; read again when the version moves. */
    private volatile Enabled cache;

    private record Enabled(long version, List<StoredRule> rules) {
    }

    public RuleService(ObjectMapper json, DepartmentScope scope, Clock clock) {
        this.json = json;
        this.scope = scope;
        this.clock = clock;
    }

    @Transactional
    public RuleView create(RuleDefinition d) {
        check(d);
        Set<String> departments = departments(d);
        scope.requireManage(departments, "a rule");
        Instant now = clock.instant();
        RuleEntity e = new RuleEntity();
        e.id = UUID.randomUUID();
        e.version = 1;
        e.createdAt = now;
        e.createdBy = scope.subject();
        apply(e, d, departments, now);
        e.persist();
        changed();
        return toView(e);
    }

    public RuleView get(UUID id) {
        RuleEntity e = find(id, LockModeType.NONE);
        scope.requireRead(Arrays.asList(e.departments));
        return toView(e);
    }

    /** Replaces the definition; 412 unless {@code expectedVersion} is current. Its alerts keep their history. */
    @Transactional
    public RuleView update(UUID id, int expectedVersion, RuleDefinition d) {
        RuleEntity e = find(id, LockModeType.PESSIMISTIC_WRITE);
        scope.requireManage(Arrays.asList(e.departments), "this rule");
        if (e.version != expectedVersion) {
            throw ProblemException.preconditionFailed("Rule '" + id + "' is at version " + e.version + ", not "
                    + expectedVersion + "; read it again and reapply your change");
        }
        check(d);
        Set<String> departments = departments(d);
        scope.requireManage(departments, "a rule");
        e.version++;
        apply(e, d, departments, clock.instant());
        changed();
        return toView(e);
    }

    /** Deletes the rule and the state of its alerts (the alerts and their history stay readable). */
    @Transactional
    public void delete(UUID id, Optional<Integer> expectedVersion) {
        RuleEntity e = find(id, LockModeType.PESSIMISTIC_WRITE);
        scope.requireManage(Arrays.asList(e.departments), "this rule");
        expectedVersion.ifPresent(v -> {
            if (e.version != v) {
                throw ProblemException.preconditionFailed("Rule '" + id + "' is at version " + e.version + ", not "
                        + v);
            }
        });
        e.delete();
        changed();
    }

    /** Sorted by name; limited to rules of the caller's departments (an admin sees all). */
    public Page<RuleView> list(Optional<String> department, Optional<RuleKind> kind, Optional<Boolean> enabled,
            int limit, String cursor) {
        List<String> where = new ArrayList<>();
        Parameters params = new Parameters();
        if (!scope.restrictQuery(where, params, department)) {
            return new Page<>(List.of(), null);
        }
        kind.ifPresent(k -> {
            where.add("kind = :kind");
            params.and("kind", k.name());
        });
        enabled.ifPresent(b -> {
            where.add("enabled = :enabled");
            params.and("enabled", b);
        });
        Keyset after = Keyset.after(cursor);
        if (after != null) {
            where.add("(name > :afterName or (name = :afterName and id > :afterId))");
            params.and("afterName", after.value()).and("afterId", after.id());
        }
        Sort sort = Sort.ascending("name", "id");
        List<RuleEntity> rows = (where.isEmpty()
                ? RuleEntity.<RuleEntity>findAll(sort)
                : RuleEntity.<RuleEntity>find(String.join(" and ", where), sort, params))
                .page(0, limit + 1).list();
        return Page.of(rows.stream().map(this::toView).toList(), limit, v -> Keyset.key(v.id(), v.name()));
    }

    /** The enabled rules of these kinds whose scope is one of {@code type} with a key in {@code keys}. */
    public List<StoredRule> enabled(Set<RuleKind> kinds, ScopeType type, Set<String> keys) {
        return enabled(kinds, Map.of(type, keys));
    }

    /**
     * The enabled rules of these kinds whose scope is one of the given types with one of its keys, in the order of
     * {@code scopes} (a rule appears once).
     */
    public List<StoredRule> enabled(Set<RuleKind> kinds, Map<ScopeType, Set<String>> scopes) {
        if (kinds.isEmpty() || scopes.values().stream().allMatch(Set::isEmpty)) {
            return List.of();
        }
        List<StoredRule> all = allEnabled();
        List<StoredRule> out = new ArrayList<>();
        scopes.forEach((type, keys) -> all.stream().filter(r -> kinds.contains(r.kind()) && r.scope().type() == type
                && keys.contains(r.scope().key())).forEach(out::add));
        return out;
    }

    /** Every enabled rule of a kind. */
    public List<StoredRule> enabled(RuleKind kind) {
        return allEnabled().stream().filter(r -> r.kind() == kind).toList();
    }

    /**
     * Every enabled rule, from memory while {@code rule_version} has not moved (one single-row read per call instead of
     * a query of the rules per batch of events — that query was a quarter of the service's event handling). The
     * version is read before the rules, so the rules read are at least as new as the version they are kept under.
     */
    private List<StoredRule> allEnabled() {
        long version = ((Number) RuleEntity.getEntityManager()
                .createNativeQuery("select version from rule_version where id = 1").getSingleResult()).longValue();
        Enabled current = cache;
        if (current == null || current.version() != version) {
            current = new Enabled(version, RuleEntity.<RuleEntity>find("enabled = true").list().stream()
                    .map(this::toStored).toList());
            cache = current;
        }
        return current.rules();
    }

    /** Raises {@code rule_version} in the transaction of a rule change: every replica reads the rules again. */
    private static void changed() {
        RuleEntity.getEntityManager().createNativeQuery("update rule_version set version = version + 1 where id = 1")
                .executeUpdate();
    }

    /** The stored rule of this id, enabled or not; empty if it was deleted. */
    public Optional<StoredRule> byId(UUID id) {
        return RuleEntity.<RuleEntity>findByIdOptional(id).map(this::toStored);
    }

    private void apply(RuleEntity e, RuleDefinition d, Set<String> departments, Instant now) {
        e.name = d.name().strip();
        e.kind = d.kind().name();
        e.parameters = write(d.parameters() == null ? new TreeMap<>() : d.parameters());
        e.scopeType = d.scope().type().name();
        e.scopeKey = d.scope().key().strip();
        e.departments = departments.toArray(String[]::new);
        e.severity = d.severity().name();
        e.labels = write(d.labels() == null ? Map.of() : new TreeMap<>(d.labels()));
        e.pendingForSeconds = d.pendingFor() == null ? 0 : d.pendingFor().toSeconds();
        e.keepFiringForSeconds = d.keepFiringFor() == null ? 0 : d.keepFiringFor().toSeconds();
        e.enabled = d.enabled() == null || d.enabled();
        e.updatedAt = now;
        e.updatedBy = scope.subject();
    }

    private static void check(RuleDefinition d) {
        RuleConditions.Checked checked = RuleConditions.check(d.kind(), d.parameters(), d.scope(),
                d.departments().stream().map(String::strip).toList(), d.labels(), d.pendingFor(), d.keepFiringFor());
        if (!checked.valid()) {
            throw ProblemException.invalid(checked.errors());
        }
    }

    private static Set<String> departments(RuleDefinition d) {
        Set<String> result = new TreeSet<>();
        d.departments().forEach(dep -> result.add(dep.strip()));
        return result;
    }

    private static RuleEntity find(UUID id, LockModeType lock) {
        RuleEntity e = RuleEntity.findById(id, lock);
        if (e == null) {
            throw ProblemException.notFound("Rule", id.toString());
        }
        return e;
    }

    private RuleView toView(RuleEntity e) {
        return new RuleView(e.id, e.name, RuleKind.valueOf(e.kind), parameters(e),
                new RuleScope(ScopeType.valueOf(e.scopeType), e.scopeKey), List.of(e.departments),
                Severity.valueOf(e.severity), labels(e), Duration.ofSeconds(e.pendingForSeconds),
                Duration.ofSeconds(e.keepFiringForSeconds), e.enabled, e.version,
                e.createdAt.atOffset(ZoneOffset.UTC), e.createdBy, e.updatedAt.atOffset(ZoneOffset.UTC), e.updatedBy);
    }

    private StoredRule toStored(RuleEntity e) {
        RuleKind kind = RuleKind.valueOf(e.kind);
        RuleParameters p = parameters(e);
        AlertRule rule = new AlertRule(e.id.toString(), e.name, Severity.valueOf(e.severity), labels(e),
                RuleConditions.condition(kind, p), Duration.ofSeconds(e.pendingForSeconds),
                Duration.ofSeconds(e.keepFiringForSeconds));
        return new StoredRule(e.id, kind, new RuleScope(ScopeType.valueOf(e.scopeType), e.scopeKey),
                List.of(e.departments), rule, p.freshnessExpectation(), e.enabled);
    }

    private RuleParameters parameters(RuleEntity e) {
        try {
            return json.readValue(e.parameters, RuleParameters.class);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("Stored parameters of rule " + e.id + " are unreadable", ex);
        }
    }

    private Map<String, String> labels(RuleEntity e) {
        try {
            return json.readValue(e.labels, LABELS);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("Stored labels of rule " + e.id + " are unreadable", ex);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
