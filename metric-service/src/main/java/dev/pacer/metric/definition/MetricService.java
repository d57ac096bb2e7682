package dev.pacer.metric.definition;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pacer.events.CatalogChanged;
import dev.pacer.events.CatalogKind;
import dev.pacer.events.CloudEvent;
import dev.pacer.events.EventSources;
import dev.pacer.metric.dataset.DatasetDefinition;
import dev.pacer.metric.dataset.DatasetEntity;
import dev.pacer.metric.dataset.Datasets;
import dev.pacer.metric.definition.Requests.FieldChange;
import dev.pacer.metric.definition.Requests.Lineage;
import dev.pacer.metric.definition.Requests.MetricDiff;
import dev.pacer.metric.expression.ValueType;
import dev.pacer.metric.recompute.Recomputations;
import dev.pacer.platform.outbox.Outbox;
import dev.pacer.platform.paging.Cursors;
import dev.pacer.platform.paging.Page;
import dev.pacer.platform.problem.Problem;
import dev.pacer.platform.problem.ProblemException;
import dev.pacer.platform.security.Caller;
import dev.pacer.platform.security.Roles;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The indicator centre's definitions: creates, versions, certifies and reads metrics. Every change is a new
 * immutable version with author, reason and effective date, and is published to {@code pacer.catalog}.
 */
@ApplicationScoped
public class MetricService {
    private final ObjectMapper json;
    private final Outbox outbox;
    private final Caller caller;
    private final Recomputations recomputations;

    public MetricService(ObjectMapper json, Outbox outbox, Caller caller, Recomputations recomputations) {
        this.json = json;
        this.outbox = outbox;
        this.caller = caller;
        this.recomputations = recomputations;
    }

    /** A metric after a change, and the recomputation of its history that the change queued. */
    public record Changed(Metric metric, UUID recomputation) {
    }

    @Transactional
    public Changed create(Requests.NewMetric request) {
        if (MetricEntity.findById(request.key()) != null) {
            throw ProblemException.conflict("Metric '" + request.key() + "' already exists");
        }
        check(request.key(), request.definition());
        OffsetDateTime now = now();
        MetricEntity e = new MetricEntity();
        e.key = request.key();
        e.version = 1;
        e.status = Lifecycle.DRAFT;
        e.definition = write(request.definition());
        e.createdAt = now;
        e.createdBy = caller.subject();
        e.updatedAt = now;
        e.updatedBy = caller.subject();
        e.persist();
        recordVersion(e, "created", LocalDate.now(ZoneOffset.UTC));
        Metric m = publish(e);
        return new Changed(m, recomputations.queue(e.key, e.version, "defined as version 1", caller.subject()));
    }

    @Transactional
    public Changed update(String key, int expectedVersion, Requests.MetricChange change) {
        MetricEntity e = current(key, expectedVersion);
        if (e.status == Lifecycle.DEPRECATED) {
            throw ProblemException.conflict("Metric '" + key + "' is deprecated; define a new metric instead");
        }
        check(key, change.definition());
        MetricDefinition before = read(e.definition);
        if (before.kind() != change.definition().kind()) {
            List<String> users = downstreamOf(key);
            if (!users.isEmpty()) {
                throw ProblemException.conflict("Changing the kind of '" + key + "' would break metrics computed from "
                        + "it: " + users);
            }
        }
        e.version++;
        e.definition = write(change.definition());
        e.updatedAt = now();
        e.updatedBy = caller.subject();
        recordVersion(e, change.reason(),
                change.effectiveDate() == null ? LocalDate.now(ZoneOffset.UTC) : change.effectiveDate());
        Metric m = publish(e);
        return new Changed(m, recomputations.queue(e.key, e.version, "definition changed to version " + e.version
                + ": " + change.reason(), caller.subject()));
    }

    @Transactional
    public Metric changeLifecycle(String key, int expectedVersion, Requests.LifecycleChange change) {
        MetricEntity e = current(key, expectedVersion);
        Lifecycle to = change.status();
        boolean allowed = switch (e.status) {
            case DRAFT -> to == Lifecycle.CERTIFIED || to == Lifecycle.DEPRECATED;
            case CERTIFIED -> to == Lifecycle.DEPRECATED;
            case DEPRECATED -> false;
        };
        if (!allowed) {
            throw new ProblemException(409, "invalid-transition", "Invalid lifecycle change",
                    "A " + e.status + " metric cannot become " + to);
        }
        if (to == Lifecycle.CERTIFIED && !(caller.hasRole(Roles.STEWARD) || caller.isAdmin())) {
            throw ProblemException.forbidden("Only stewards and admins certify metrics");
        }
        if (to == Lifecycle.DEPRECATED) {
            List<String> users = downstreamOf(key).stream().filter(k -> {
                MetricEntity m = MetricEntity.findById(k);
                return m != null && m.status != Lifecycle.DEPRECATED;
            }).toList();
            if (!users.isEmpty()) {
                throw ProblemException.conflict("'" + key + "' still feeds metrics that are in use: " + users);
            }
        }
        e.status = to;
        e.version++;
        e.updatedAt = now();
        e.updatedBy = caller.subject();
        recordVersion(e, change.reason(), LocalDate.now(ZoneOffset.UTC));
        return publish(e);
    }

    public Metric get(String key) {
        MetricEntity e = MetricEntity.findById(key);
        if (e == null) {
            throw ProblemException.notFound("Metric", key);
        }
        Metric m = toMetric(e);
        requireReadable(m);
        return m;
    }

    /** Lists metrics the caller may read, filtered; {@code q} searches key, name, description and tags. */
    public Page<Metric> list(String q, String tag, Lifecycle status, MetricKind kind, String department, int limit,
            String cursor) {
        String after = Cursors.decode(cursor);
        List<Metric> page = new ArrayList<>();
        String needle = q == null ? null : q.toLowerCase(Locale.ROOT);
        String from = after == null ? "" : after;
        int batch = Math.max(limit * 4, 100);
        while (page.size() <= limit) {
            List<MetricEntity> rows = MetricEntity.<MetricEntity>find("key > ?1", Sort.by("key"), from)
                    .page(0, batch).list();
            for (MetricEntity e : rows) {
                Metric m = toMetric(e);
                if (matches(m, needle, tag, status, kind, department) && readable(m)) {
                    page.add(m);
                    if (page.size() > limit) {
                        break;
                    }
                }
            }
            if (rows.size() < batch) {
                break;
            }
            from = rows.get(rows.size() - 1).key;
        }
        return Page.of(page, limit, Metric::key);
    }

    public List<MetricVersion> versions(String key) {
        get(key);
        return MetricVersionEntity.<MetricVersionEntity>find("key", Sort.by("version"), key).stream()
                .map(this::toVersion).toList();
    }

    public MetricVersion version(String key, int version) {
        get(key);
        MetricVersionEntity v = MetricVersionEntity.findById(new MetricVersionEntity.Id(key, version));
        if (v == null) {
            throw ProblemException.notFound("Version of metric " + key, String.valueOf(version));
        }
        return toVersion(v);
    }

    public MetricDiff diff(String key, int from, int to) {
        MetricVersion a = version(key, from);
        MetricVersion b = version(key, to);
        Map<String, Object> before = json.convertValue(a.definition(), new TypeReference<LinkedHashMap<String, Object>>() { });
        Map<String, Object> after = json.convertValue(b.definition(), new TypeReference<LinkedHashMap<String, Object>>() { });
        Set<String> fields = new LinkedHashSet<>(before.keySet());
        fields.addAll(after.keySet());
        List<FieldChange> changes = new ArrayList<>();
        for (String f : fields) {
            if (!Objects.equals(before.get(f), after.get(f))) {
                changes.add(new FieldChange(f, before.get(f), after.get(f)));
            }
        }
        return new MetricDiff(key, from, to, a.status(), b.status(), changes);
    }

    public Lineage lineage(String key) {
        Metric m = get(key);
        List<String> upstream = new ArrayList<>();
        Deque<String> todo = new ArrayDeque<>(MetricRules.metricsUsed(m.definition()));
        while (!todo.isEmpty()) {
            String k = todo.poll();
            if (upstream.contains(k)) {
                continue;
            }
            upstream.add(k);
            MetricEntity e = MetricEntity.findById(k);
            if (e != null) {
                todo.addAll(MetricRules.metricsUsed(read(e.definition)));
            }
        }
        return new Lineage(key, m.definition().dataset(), new ArrayList<>(MetricRules.fieldsUsed(m.definition())),
                upstream, downstreamOf(key));
    }

    /** Metrics computed from {@code key}, transitively, nearest first. */
    public List<String> downstreamOf(String key) {
        Map<String, Set<String>> users = new HashMap<>();
        for (MetricEntity e : MetricEntity.<MetricEntity>listAll()) {
            for (String input : MetricRules.metricsUsed(read(e.definition))) {
                users.computeIfAbsent(input, k -> new TreeSet<>()).add(e.key);
            }
        }
        List<String> result = new ArrayList<>();
        Deque<String> todo = new ArrayDeque<>(users.getOrDefault(key, Set.of()));
        while (!todo.isEmpty()) {
            String k = todo.poll();
            if (!result.contains(k) && !k.equals(key)) {
                result.add(k);
                todo.addAll(users.getOrDefault(k, Set.of()));
            }
        }
        return result;
    }

    /** Current definitions of every metric reading dataset {@code dataset}, by key. */
    public Map<String, MetricDefinition> metricsOfDataset(String dataset) {
        Map<String, MetricDefinition> result = new LinkedHashMap<>();
        for (MetricEntity e : MetricEntity.<MetricEntity>list("status <> ?1", Sort.by("key"), Lifecycle.DEPRECATED)) {
            MetricDefinition d = read(e.definition);
            if (dataset.equals(d.dataset())) {
                result.put(e.key, d);
            }
        }
        return result;
    }

    /** A metric in force: its current definition and version, and its dataset's field types (if it reads one). */
    public record Current(MetricDefinition definition, int version, Map<String, ValueType> datasetFields) {
    }

    /** Every metric that is not deprecated, by key. */
    public Map<String, Current> currentMetrics() {
        Map<String, Map<String, ValueType>> datasets = new HashMap<>();
        Map<String, Current> result = new LinkedHashMap<>();
        for (MetricEntity e : MetricEntity.<MetricEntity>list("status <> ?1", Sort.by("key"), Lifecycle.DEPRECATED)) {
            MetricDefinition d = read(e.definition);
            Map<String, ValueType> fields = d.dataset() == null ? Map.of()
                    : datasets.computeIfAbsent(d.dataset(), k -> catalog().datasetFields(k).orElse(Map.of()));
            result.put(e.key, new Current(d, e.version, fields));
        }
        return result;
    }

    /** The catalogue as the rules see it, read from this service's tables. */
    public MetricCatalog catalog() {
        return new MetricCatalog() {
            @Override
            public Optional<Map<String, ValueType>> datasetFields(String dataset) {
                DatasetEntity d = DatasetEntity.findById(dataset);
                return d == null ? Optional.empty() : Optional.of(Datasets.expressionTypes(readDataset(d.definition)));
            }

            @Override
            public Optional<MetricDefinition> metric(String key) {
                MetricEntity e = MetricEntity.findById(key);
                return e == null || e.status == Lifecycle.DEPRECATED ? Optional.empty() : Optional.of(read(e.definition));
            }
        };
    }

    private void check(String key, MetricDefinition d) {
        List<Problem.FieldError> errors = MetricRules.violations(key, d, catalog()).stream()
                .map(f -> new Problem.FieldError("definition." + f.field(), f.message())).toList();
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
    }

    private MetricEntity current(String key, int expectedVersion) {
        MetricEntity e = MetricEntity.findById(key, LockModeType.PESSIMISTIC_WRITE);
        if (e == null) {
            throw ProblemException.notFound("Metric", key);
        }
        if (e.version != expectedVersion) {
            throw ProblemException.preconditionFailed("Metric '" + key + "' is at version " + e.version + ", not "
                    + expectedVersion + "; read it again and reapply your change");
        }
        return e;
    }

    private boolean readable(Metric m) {
        List<String> restricted = m.definition().restrictedToOrEmpty();
        return restricted.isEmpty() || caller.hasRole(Roles.STEWARD) || caller.canSeeAny(restricted);
    }

    private void requireReadable(Metric m) {
        if (!readable(m)) {
            throw ProblemException.forbidden("Metric '" + m.key() + "' is restricted to departments "
                    + m.definition().restrictedToOrEmpty());
        }
    }

    private static boolean matches(Metric m, String needle, String tag, Lifecycle status, MetricKind kind,
            String department) {
        MetricDefinition d = m.definition();
        if (status != null && m.status() != status) {
            return false;
        }
        if (kind != null && d.kind() != kind) {
            return false;
        }
        if (tag != null && !d.tagsOrEmpty().contains(tag)) {
            return false;
        }
        if (department != null && !department.equals(d.ownerDepartment())) {
            return false;
        }
        if (needle == null) {
            return true;
        }
        return m.key().toLowerCase(Locale.ROOT).contains(needle)
                || d.name().toLowerCase(Locale.ROOT).contains(needle)
                || d.description().toLowerCase(Locale.ROOT).contains(needle)
                || d.tagsOrEmpty().stream().anyMatch(t -> t.toLowerCase(Locale.ROOT).contains(needle));
    }

    private void recordVersion(MetricEntity e, String reason, LocalDate effectiveDate) {
        MetricVersionEntity v = new MetricVersionEntity();
        v.key = e.key;
        v.version = e.version;
        v.status = e.status;
        v.definition = e.definition;
        v.reason = reason;
        v.author = e.updatedBy;
        v.effectiveDate = effectiveDate;
        v.createdAt = e.updatedAt;
        v.persist();
    }

    private Metric publish(MetricEntity e) {
        Metric metric = toMetric(e);
        Map<String, Object> definition = new LinkedHashMap<>(json.convertValue(metric.definition(),
                new TypeReference<Map<String, Object>>() { }));
        definition.put("key", e.key);
        definition.put("version", e.version);
        definition.put("status", e.status.name());
        CatalogChanged payload = new CatalogChanged(CatalogKind.METRIC, e.key, e.version, false, definition);
        outbox.publish(payload.topic(), payload.kafkaKey(), CloudEvent.of(EventSources.METRIC_SERVICE, payload));
        return metric;
    }

    private Metric toMetric(MetricEntity e) {
        return new Metric(e.key, e.version, e.status, read(e.definition), e.createdAt, e.createdBy, e.updatedAt,
                e.updatedBy);
    }

    private MetricVersion toVersion(MetricVersionEntity v) {
        return new MetricVersion(v.key, v.version, v.status, read(v.definition), v.reason, v.author, v.effectiveDate,
                v.createdAt);
    }

    private String write(MetricDefinition d) {
        try {
            return json.writeValueAsString(d);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    MetricDefinition read(String s) {
        try {
            return json.readValue(s, MetricDefinition.class);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("Stored metric definition is unreadable", ex);
        }
    }

    private DatasetDefinition readDataset(String s) {
        try {
            return json.readValue(s, DatasetDefinition.class);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("Stored dataset definition is unreadable", ex);
        }
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }
}
