package dev.pacer.ingest.rejection;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pacer.events.RecordChanged;
import dev.pacer.ingest.IngestConfig;
import dev.pacer.ingest.catalog.DatasetSchema;
import dev.pacer.ingest.catalog.DatasetSchemas;
import dev.pacer.ingest.push.BatchValidator;
import dev.pacer.ingest.push.RecordPublisher;
import dev.pacer.ingest.push.SourceVersions;
import dev.pacer.platform.paging.Cursors;
import dev.pacer.platform.paging.Page;
import dev.pacer.platform.problem.ProblemException;
import dev.pacer.platform.security.Caller;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The quarantine: refused records listed by dataset and source, fixed by editing, and replayed — checked again and,
 * when valid, published with the {@link RecordPublisher} (acks=all) before they leave the quarantine. A replay that
 * fails on Kafka keeps the rejection, so it can be replayed again; a record published twice is a harmless upsert.
 *
 * <p>Department checks, as for sources: a rejected record belongs to the department that owns its dataset and, when
 * a source refused it ({@code source:<id>}, {@code webhook:<id>}), also to that source's department. A steward lists
 * only those of their departments and gets 403 for another's; admins see all.
 */
@ApplicationScoped
public class RejectionService {
    static final String REPLAY_SOURCE_SYSTEM = "quarantine-replay";

    private final DatasetSchemas schemas;
    private final RecordPublisher publisher;
    private final IngestConfig config;
    private final Clock clock;
    private final ObjectMapper reader;
    private final ObjectMapper writer;
    private final SourceVersions versions;
    private final Caller caller;
    private final RejectionScope scope;

    public RejectionService(DatasetSchemas schemas, RecordPublisher publisher, IngestConfig config, Clock clock,
            ObjectMapper json, Caller caller, RejectionScope scope) {
        this.caller = caller;
        this.scope = scope;
        this.schemas = schemas;
        this.publisher = publisher;
        this.config = config;
        this.clock = clock;
        this.reader = json.copy().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        this.writer = json.copy().enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
        this.versions = new SourceVersions(clock);
    }

    @Transactional
    public Page<Rejection> list(String dataset, String source, int limit, String cursor) {
        String after = Cursors.decode(cursor);
        StringBuilder q = new StringBuilder("1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (dataset != null) {
            q.append(" and dataset = :dataset");
            params.put("dataset", dataset);
        }
        if (source != null) {
            q.append(" and source = :source");
            params.put("source", source);
        }
        if (after != null) {
            try {
                params.put("after", Long.parseLong(after));
            } catch (NumberFormatException e) {
                throw ProblemException.invalid("cursor", "is not a cursor returned by this list");
            }
            q.append(" and id > :after");
        }
        if (!caller.isAdmin()) {
            List<String> departments = caller.departments().isEmpty() ? List.of("") : List.copyOf(caller.departments());
            List<String> sources = scope.sourcesOf(departments);
            q.append(" and (dataset in (select d.key from DatasetSchemaEntity d where d.ownerDepartment in "
                    + ":departments)").append(sources.isEmpty() ? ")" : " or source in :sources)");
            params.put("departments", departments);
            if (!sources.isEmpty()) {
                params.put("sources", sources);
            }
        }
        List<RejectionEntity> found = RejectionEntity.<RejectionEntity>find(q.toString(), Sort.by("id"), params)
                .page(0, limit + 1).list();
        return Page.of(found.stream().map(this::view).toList(), limit, r -> Long.toString(r.id()));
    }

    @Transactional
    public Rejection get(long id) {
        return view(find(id, false));
    }

    /** Replaces the record with a corrected one; it stays in the quarantine until replayed. */
    @Transactional
    public Rejection fix(long id, Map<String, Object> record) {
        RejectionEntity e = find(id, true);
        try {
            e.payload = writer.writeValueAsString(record);
        } catch (JsonProcessingException ex) {
            throw ProblemException.invalid("record", "cannot be written as JSON: " + ex.getOriginalMessage());
        }
        return view(e);
    }

    /**
     * Checks the record again; a valid one is published and leaves the quarantine, an invalid one stays with its new
     * reason (422).
     */
    public ReplayResult replay(long id) {
        RejectionEntity e = QuarkusTransaction.requiringNew().call(() -> find(id, false));
        DatasetSchema schema = schemas.find(e.dataset).orElseThrow(() -> new ProblemException(409,
                "dataset-gone", "Dataset gone", "Dataset '" + e.dataset + "' is no longer in the catalog; the record "
                        + "cannot be replayed"));
        Object record = read(e.payload);
        String system = schema.sourceSystem() != null ? schema.sourceSystem() : REPLAY_SOURCE_SYSTEM;
        long version = versions.next();
        BatchValidator.Outcome outcome = BatchValidator.validate(schema, List.of(record), system, version, now(),
                config.timeZone());
        if (!outcome.rejected().isEmpty()) {
            String reason = outcome.rejected().get(0).reason();
            QuarkusTransaction.requiringNew().run(() -> {
                RejectionEntity stored = RejectionEntity.findById(id);
                if (stored != null) {
                    stored.reason = reason;
                }
            });
            throw new ProblemException(422, "record-still-invalid", "Record still invalid",
                    "The record is still refused: " + reason + ". Fix it (PUT /rejections/" + id + ") and replay again");
        }
        RecordChanged accepted = outcome.accepted().get(0);
        publisher.publish(List.of(accepted));
        QuarkusTransaction.requiringNew().run(() -> RejectionEntity.deleteById(id));
        return new ReplayResult(id, e.dataset, accepted.primaryKey(), version);
    }

    private RejectionEntity find(long id, boolean lock) {
        RejectionEntity e = lock ? RejectionEntity.findById(id, LockModeType.PESSIMISTIC_WRITE)
                : RejectionEntity.findById(id);
        if (e == null) {
            throw ProblemException.notFound("Rejection", Long.toString(id));
        }
        caller.requireAnyDepartment(scope.departmentsOf(e.dataset, e.source));
        return e;
    }

    private Object read(String payload) {
        try {
            return reader.readValue(payload, Object.class);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("Stored rejection payload is not JSON", ex);
        }
    }

    private Rejection view(RejectionEntity e) {
        return new Rejection(e.id, e.dataset, e.source, e.recordIndex, e.primaryKey, read(e.payload), e.reason,
                e.receivedAt);
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }
}
