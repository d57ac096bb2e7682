package dev.pacer.metric.dataset;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pacer.events.CatalogChanged;
import dev.pacer.events.CatalogKind;
import dev.pacer.events.CloudEvent;
import dev.pacer.metric.definition.MetricRules;
import dev.pacer.metric.definition.MetricService;
import dev.pacer.metric.expression.ValueType;
import dev.pacer.platform.outbox.Outbox;
import dev.pacer.platform.paging.Cursors;
import dev.pacer.platform.paging.Page;
import dev.pacer.platform.problem.Problem;
import dev.pacer.platform.problem.ProblemException;
import dev.pacer.platform.security.Caller;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Creates, versions and reads datasets; every change is published to {@code pacer.catalog} through the outbox. */
@ApplicationScoped
public class DatasetService {
    static final String SOURCE = "/metric-service";

    private final ObjectMapper json;
    private final Outbox outbox;
    private final Caller caller;
    private final MetricService metrics;

    public DatasetService(ObjectMapper json, Outbox outbox, Caller caller, MetricService metrics) {
        this.json = json;
        this.outbox = outbox;
        this.caller = caller;
        this.metrics = metrics;
    }

    @Transactional
    public Dataset create(NewDataset request) {
        check(request.definition(), "definition.");
        if (DatasetEntity.findById(request.key()) != null) {
            throw ProblemException.conflict("Dataset '" + request.key() + "' already exists");
        }
        OffsetDateTime now = now();
        DatasetEntity e = new DatasetEntity();
        e.key = request.key();
        e.version = 1;
        e.definition = write(request.definition());
        e.createdAt = now;
        e.createdBy = caller.subject();
        e.updatedAt = now;
        e.updatedBy = caller.subject();
        e.persist();
        recordVersion(e, "created");
        return publish(e);
    }

    @Transactional
    public Dataset update(String key, int expectedVersion, DatasetChange change) {
        check(change.definition(), "definition.");
        DatasetEntity e = DatasetEntity.findById(key, LockModeType.PESSIMISTIC_WRITE);
        if (e == null) {
            throw ProblemException.notFound("Dataset", key);
        }
        if (e.version != expectedVersion) {
            throw ProblemException.preconditionFailed("Dataset '" + key + "' is at version " + e.version
                    + ", not " + expectedVersion + "; read it again and reapply your change");
        }
        refuseBreakingChange(key, read(e.definition), change.definition());
        e.version++;
        e.definition = write(change.definition());
        e.updatedAt = now();
        e.updatedBy = caller.subject();
        recordVersion(e, change.reason());
        return publish(e);
    }

    public Dataset get(String key) {
        DatasetEntity e = DatasetEntity.findById(key);
        if (e == null) {
            throw ProblemException.notFound("Dataset", key);
        }
        return toDataset(e);
    }

    public Page<Dataset> list(int limit, String cursor) {
        String after = Cursors.decode(cursor);
        List<DatasetEntity> rows = (after == null
                ? DatasetEntity.<DatasetEntity>findAll(Sort.by("key"))
                : DatasetEntity.<DatasetEntity>find("key > ?1", Sort.by("key"), after))
                .page(0, limit + 1).list();
        return Page.of(rows.stream().map(this::toDataset).toList(), limit, Dataset::key);
    }

    /** A change that drops or retypes a field a metric reads would break that metric: refuse it, naming each one. */
    private void refuseBreakingChange(String key, DatasetDefinition before, DatasetDefinition after) {
        Map<String, ValueType> oldTypes = Datasets.expressionTypes(before);
        Map<String, ValueType> newTypes = Datasets.expressionTypes(after);
        List<Problem.FieldError> broken = new ArrayList<>();
        metrics.metricsOfDataset(key).forEach((metric, definition) -> {
            for (String field : MetricRules.fieldsUsed(definition)) {
                if (!newTypes.containsKey(field)) {
                    broken.add(new Problem.FieldError("definition.fields", "metric '" + metric + "' uses field '"
                            + field + "', which this change drops"));
                } else if (oldTypes.get(field) != newTypes.get(field)) {
                    broken.add(new Problem.FieldError("definition.fields", "metric '" + metric + "' uses field '"
                            + field + "' as " + oldTypes.get(field) + ", which this change makes " + newTypes.get(field)));
                }
            }
        });
        if (!broken.isEmpty()) {
            throw new ProblemException(Problem.of(409, "breaking-change", "Change would break metrics",
                    "Dataset '" + key + "' is used by metrics that this change would break; change or deprecate them "
                            + "first").withErrors(broken));
        }
    }

    private void check(DatasetDefinition d, String prefix) {
        List<Problem.FieldError> errors = Datasets.violations(d).stream()
                .map(f -> new Problem.FieldError(prefix + f.field(), f.message())).toList();
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
    }

    private void recordVersion(DatasetEntity e, String reason) {
        DatasetVersionEntity v = new DatasetVersionEntity();
        v.key = e.key;
        v.version = e.version;
        v.definition = e.definition;
        v.reason = reason;
        v.author = e.updatedBy;
        v.createdAt = e.updatedAt;
        v.persist();
    }

    private Dataset publish(DatasetEntity e) {
        Dataset dataset = toDataset(e);
        Map<String, Object> definition = new LinkedHashMap<>(json.convertValue(dataset.definition(),
                new TypeReference<Map<String, Object>>() { }));
        definition.put("key", e.key);
        definition.put("version", e.version);
        CatalogChanged payload = new CatalogChanged(CatalogKind.DATASET, e.key, e.version, false, definition);
        outbox.publish(payload.topic(), payload.kafkaKey(), CloudEvent.of(SOURCE, payload));
        return dataset;
    }

    private Dataset toDataset(DatasetEntity e) {
        return new Dataset(e.key, e.version, read(e.definition), e.createdAt, e.createdBy, e.updatedAt, e.updatedBy);
    }

    private String write(DatasetDefinition d) {
        try {
            return json.writeValueAsString(d);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private DatasetDefinition read(String s) {
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
