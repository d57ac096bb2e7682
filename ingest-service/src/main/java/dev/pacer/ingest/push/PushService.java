package dev.pacer.ingest.push;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pacer.ingest.IngestConfig;
import dev.pacer.ingest.catalog.DatasetSchema;
import dev.pacer.ingest.catalog.DatasetSchemas;
import dev.pacer.platform.problem.ProblemException;
import dev.pacer.platform.security.Caller;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * REST push of a batch: claims the Idempotency-Key, reads and validates the records against the dataset's schema,
 * publishes the valid ones and waits for Kafka, then stores the rejections and the answer together.
 */
@ApplicationScoped
public class PushService {
    /** How records that arrive through REST push are labelled in the quarantine. */
    static final String SOURCE = "push";
    /** The source system of records whose dataset definition names none and whose push names none either. */
    static final String DEFAULT_SOURCE_SYSTEM = "rest-push";
    private static final int MAX_SOURCE_SYSTEM_LENGTH = 100;

    private final DatasetSchemas schemas;
    private final RecordPublisher publisher;
    private final IdempotencyStore idempotency;
    private final RejectionStore rejections;
    private final Caller caller;
    private final ObjectMapper json;
    private final IngestConfig config;
    private final BatchReader reader;
    private final SourceVersions sourceVersions = new SourceVersions(Clock.systemUTC());
    private final Counter acceptedCounter;
    private final Counter rejectedCounter;

    public PushService(DatasetSchemas schemas, RecordPublisher publisher, IdempotencyStore idempotency,
            RejectionStore rejections, Caller caller, ObjectMapper json, IngestConfig config, MeterRegistry meters) {
        this.schemas = schemas;
        this.publisher = publisher;
        this.idempotency = idempotency;
        this.rejections = rejections;
        this.caller = caller;
        this.json = json;
        this.config = config;
        this.reader = new BatchReader(json, config.push().maxRecords());
        this.acceptedCounter = Counter.builder("pacer.ingest.push.records").tag("outcome", "accepted")
                .description("Pushed records published to pacer.records").register(meters);
        this.rejectedCounter = Counter.builder("pacer.ingest.push.records").tag("outcome", "rejected")
                .description("Pushed records refused by their dataset's schema").register(meters);
    }

    public PushAnswer push(PushRequest request) {
        Long explicitVersion = sourceVersion(request.sourceVersion());
        checkSourceSystem(request.sourceSystem());
        String key = request.idempotencyKey();
        String subject = caller.subject();
        String fingerprint = null;
        if (key != null) {
            Idempotency.checkKey(key);
            fingerprint = Idempotency.fingerprint(request.dataset(), request.format(), request.sourceSystem(),
                    request.sourceVersion(), request.body());
        }
        return idempotency.once(subject, key, fingerprint, "Idempotency-Key",
                () -> run(request, explicitVersion, subject));
    }

    private PushResult run(PushRequest request, Long explicitVersion, String subject) {
        DatasetSchema schema = schemas.require(request.dataset());
        List<Object> records = reader.read(request.format(), request.body());
        OffsetDateTime receivedAt = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        long version = explicitVersion != null ? explicitVersion : sourceVersions.next();
        String system = request.sourceSystem() != null ? request.sourceSystem()
                : schema.sourceSystem() != null ? schema.sourceSystem() : DEFAULT_SOURCE_SYSTEM;
        BatchValidator.Outcome outcome = BatchValidator.validate(schema, records, system, version, receivedAt,
                config.timeZone());
        publisher.publish(outcome.accepted());
        PushResult result = outcome.result(schema.key(), system, version);
        QuarkusTransaction.requiringNew().run(() -> {
            rejections.store(schema.key(), SOURCE, outcome.rejected(), receivedAt, reader.mapper());
            if (request.idempotencyKey() != null) {
                idempotency.complete(subject, request.idempotencyKey(), write(result));
            }
        });
        acceptedCounter.increment(outcome.accepted().size());
        rejectedCounter.increment(outcome.rejected().size());
        return result;
    }

    private static Long sourceVersion(String raw) {
        if (raw == null) {
            return null;
        }
        try {
            long v = Long.parseLong(raw.trim());
            if (v >= 0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ProblemException.invalid("sourceVersion", "must be a whole number ≥ 0 (e.g. epoch microseconds), not '"
                + raw + "'");
    }

    private static void checkSourceSystem(String sourceSystem) {
        if (sourceSystem != null && (sourceSystem.isBlank() || sourceSystem.length() > MAX_SOURCE_SYSTEM_LENGTH)) {
            throw ProblemException.invalid("sourceSystem", "must be 1–" + MAX_SOURCE_SYSTEM_LENGTH + " characters");
        }
    }

    private String write(PushResult result) {
        try {
            return json.writeValueAsString(result);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A push result cannot be written as JSON", e);
        }
    }
}
