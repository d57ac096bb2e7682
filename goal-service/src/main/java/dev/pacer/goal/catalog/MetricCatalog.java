package dev.pacer.goal.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pacer.events.CatalogChanged;
import dev.pacer.events.CatalogKind;
import dev.pacer.events.CatalogVersions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/** The metric definitions goals are measured by: a replica of the METRIC entries of {@code pacer.catalog}. */
@ApplicationScoped
public class MetricCatalog {
    private static final Logger LOG = Logger.getLogger(MetricCatalog.class);
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };

    private final ObjectMapper json;
    private final Clock clock;

    public MetricCatalog(ObjectMapper json, Clock clock) {
        this.json = json;
        this.clock = clock;
    }

    /**
     * Applies one catalog change in the caller's transaction (the idempotent consumer's): a METRIC definition is
     * stored when its version is newer than the one held, a delete leaves a tombstone; DATASET entries are not
     * goal-service's concern. A definition that cannot be a metric is refused with {@link IllegalArgumentException},
     * which sends the event to the dead-letter topic.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public CatalogVersions.Action apply(CatalogChanged change, String eventId) {
        if (change.kind() != CatalogKind.METRIC) {
            return CatalogVersions.Action.IGNORE;
        }
        String definition = null;
        if (!change.deleted()) {
            CatalogMetric.fromDefinition(change.key(), change.version(), change.definition());
            definition = write(change.definition());
        }
        MetricDefinitionEntity e = MetricDefinitionEntity.findById(change.key(), LockModeType.PESSIMISTIC_WRITE);
        CatalogVersions.Action action = CatalogVersions.decide(e == null ? null : e.version, change.version(),
                change.deleted());
        if (action == CatalogVersions.Action.IGNORE) {
            return action;
        }
        boolean isNew = e == null;
        if (isNew) {
            e = new MetricDefinitionEntity();
            e.key = change.key();
        }
        e.version = change.version();
        e.deleted = action == CatalogVersions.Action.DELETE;
        e.definition = definition;
        e.eventId = eventId;
        e.appliedAt = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        if (isNew) {
            e.persist();
        }
        LOG.infof("Metric %s %s at version %d", change.key(), e.deleted ? "deleted" : "definition stored", e.version);
        return action;
    }

    /** The current definition of a metric, unless it is unknown or deleted. */
    public Optional<CatalogMetric> find(String key) {
        MetricDefinitionEntity e = MetricDefinitionEntity.findById(key);
        if (e == null || e.deleted) {
            return Optional.empty();
        }
        return Optional.of(CatalogMetric.fromDefinition(e.key, e.version, read(e.definition)));
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
            throw new IllegalStateException("Stored metric definition is unreadable", e);
        }
    }
}
