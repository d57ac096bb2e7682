package dev.pacer.ingest.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pacer.events.CatalogChanged;
import dev.pacer.events.CatalogKind;
import dev.pacer.events.CatalogVersions;
import dev.pacer.ingest.IngestConfig;
import dev.pacer.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/** The dataset schemas ingest validates records against: a replica of the DATASET entries of {@code pacer.catalog}. */
@ApplicationScoped
public class DatasetSchemas {
    private static final Logger LOG = Logger.getLogger(DatasetSchemas.class);
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };

    private final ObjectMapper json;
    private final SchemaCache cache;

    public DatasetSchemas(ObjectMapper json, IngestConfig config) {
        this.json = json;
        this.cache = new SchemaCache(config.schemaCacheTtl(), System::nanoTime);
    }

    /**
     * Applies one catalog change in the caller's transaction (the idempotent consumer's): a DATASET definition is
     * stored when its version is newer than the one held, a delete leaves a tombstone; METRIC entries are not ingest's
     * concern. A definition that cannot be a dataset schema is refused with {@link IllegalArgumentException}, which
     * sends the event to the dead-letter topic.
     *
     * @return what was done
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public CatalogVersions.Action apply(CatalogChanged change, String eventId) {
        if (change.kind() != CatalogKind.DATASET) {
            return CatalogVersions.Action.IGNORE;
        }
        String definition = null;
        if (!change.deleted()) {
            DatasetSchema.fromDefinition(change.key(), change.version(), change.definition());
            definition = write(change.definition());
        }
        DatasetSchemaEntity e = DatasetSchemaEntity.findById(change.key(), LockModeType.PESSIMISTIC_WRITE);
        CatalogVersions.Action action = CatalogVersions.decide(e == null ? null : e.version, change.version(),
                change.deleted());
        if (action == CatalogVersions.Action.IGNORE) {
            LOG.debugf("Dataset %s version %d ignored: version %d is held", change.key(), change.version(), e.version);
            return action;
        }
        cache.changed(change.key(), change.version());
        boolean isNew = e == null;
        if (isNew) {
            e = new DatasetSchemaEntity();
            e.key = change.key();
        }
        e.version = change.version();
        e.deleted = action == CatalogVersions.Action.DELETE;
        e.definition = definition;
        e.ownerDepartment = e.deleted || !(change.definition().get("ownerDepartment") instanceof String owner) ? null
                : owner;
        e.eventId = eventId;
        e.appliedAt = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        if (isNew) {
            e.persist();
        }
        LOG.infof("Dataset %s %s at version %d", change.key(), e.deleted ? "deleted" : "schema stored", e.version);
        return action;
    }

    /** The department that owns a dataset; empty when it is unknown, deleted or names none. */
    @Transactional
    public Optional<String> ownerDepartment(String key) {
        DatasetSchemaEntity e = DatasetSchemaEntity.findById(key);
        return e == null || e.deleted ? Optional.empty() : Optional.ofNullable(e.ownerDepartment);
    }

    /** The current schema of a dataset, unless it is unknown or deleted. */
    @Transactional
    public Optional<DatasetSchema> find(String key) {
        DatasetSchemaEntity e = DatasetSchemaEntity.findById(key);
        if (e == null || e.deleted) {
            return Optional.empty();
        }
        return Optional.of(DatasetSchema.fromDefinition(e.key, e.version, read(e.definition)));
    }

    /**
     * The current schema of a dataset, as read at most {@code pacer.ingest.schema-cache-ttl} ago (a change applied by
     * this instance is seen at once); 404 problem when it is unknown or deleted.
     */
    public DatasetSchema require(String key) {
        Optional<DatasetSchema> cached = cache.get(key);
        if (cached.isPresent()) {
            return cached.get();
        }
        DatasetSchema schema = find(key).orElseThrow(() -> new ProblemException(404, "unknown-dataset",
                "Unknown dataset", "Dataset '" + key + "' is not in the catalog; define it in metric-service first"));
        cache.put(schema);
        return schema;
    }

    private String write(Map<String, Object> definition) {
        try {
            return json.writeValueAsString(definition);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Definition cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    private Map<String, Object> read(String definition) {
        try {
            return json.readValue(definition, MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored dataset definition is unreadable", e);
        }
    }
}
