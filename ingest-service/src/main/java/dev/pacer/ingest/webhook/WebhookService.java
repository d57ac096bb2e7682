package dev.pacer.ingest.webhook;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pacer.ingest.IngestConfig;
import dev.pacer.ingest.catalog.DatasetSchema;
import dev.pacer.ingest.catalog.DatasetSchemas;
import dev.pacer.ingest.mapping.JsonRecordMapping;
import dev.pacer.ingest.push.BatchFormat;
import dev.pacer.ingest.push.BatchReader;
import dev.pacer.ingest.push.BatchValidator;
import dev.pacer.ingest.push.Idempotency;
import dev.pacer.ingest.push.IdempotencyStore;
import dev.pacer.ingest.push.PushAnswer;
import dev.pacer.ingest.push.PushResult;
import dev.pacer.ingest.push.RecordPublisher;
import dev.pacer.ingest.push.RejectionStore;
import dev.pacer.ingest.push.SourceVersions;
import dev.pacer.ingest.source.SourceService;
import dev.pacer.platform.problem.ProblemException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Receives a signed delivery for a WEBHOOK source: checks the signature (and its timestamp) with the source's signing
 * secret, then maps each JSON object by the source's mapping and goes the push path: validation by the dataset's
 * schema, publishing with acks=all before answering, rejections to the quarantine, and the delivery id as an
 * Idempotency-Key so a sender's retry publishes nothing twice.
 */
@ApplicationScoped
public class WebhookService {
    /** How deliveries are labelled in the quarantine and the idempotency store: {@code webhook:<source id>}. */
    public static final String SOURCE_PREFIX = "webhook:";
    static final String DEFAULT_SOURCE_SYSTEM = "webhook";

    /** A delivery as it arrived. */
    public record Delivery(UUID sourceId, BatchFormat format, byte[] body, String timestamp, String signature,
            String deliveryId) {
    }

    private final SourceService sources;
    private final DatasetSchemas schemas;
    private final RecordPublisher publisher;
    private final IdempotencyStore idempotency;
    private final RejectionStore rejections;
    private final ObjectMapper json;
    private final IngestConfig config;
    private final Clock clock;
    private final BatchReader reader;
    private final SourceVersions versions;

    public WebhookService(SourceService sources, DatasetSchemas schemas, RecordPublisher publisher,
            IdempotencyStore idempotency, RejectionStore rejections, ObjectMapper json, IngestConfig config,
            Clock clock) {
        this.sources = sources;
        this.schemas = schemas;
        this.publisher = publisher;
        this.idempotency = idempotency;
        this.rejections = rejections;
        this.json = json;
        this.config = config;
        this.clock = clock;
        this.reader = new BatchReader(json, config.push().maxRecords());
        this.versions = new SourceVersions(clock);
    }

    public PushAnswer receive(Delivery delivery) {
        SourceService.WebhookTarget target = sources.webhookTarget(delivery.sourceId()).orElseThrow(() ->
                ProblemException.notFound("Webhook source", delivery.sourceId().toString()));
        if (target.signingSecret() == null) {
            throw unauthorized("The source has no signing secret; set one with PUT /sources/" + target.id());
        }
        try {
            WebhookSignature.verify(target.signingSecret(), delivery.timestamp(), delivery.signature(),
                    delivery.body(), clock.instant());
        } catch (WebhookSignature.InvalidSignatureException e) {
            throw unauthorized(e.getMessage());
        }
        if (target.paused()) {
            throw ProblemException.conflict("Source " + target.id() + " is paused and accepts no deliveries; "
                    + "deliver again once it is resumed");
        }
        String caller = SOURCE_PREFIX + target.id();
        String key = delivery.deliveryId();
        if (key != null) {
            try {
                Idempotency.checkKey(key);
            } catch (ProblemException e) {
                throw ProblemException.invalid(WebhookSignature.DELIVERY_HEADER,
                        "must be 1–" + Idempotency.MAX_KEY_LENGTH + " visible ASCII characters, e.g. a UUID");
            }
        }
        String fingerprint = key == null ? null
                : Idempotency.fingerprint(target.dataset(), delivery.format(), caller, null, delivery.body());
        return idempotency.once(caller, key, fingerprint, "delivery", () -> run(target, delivery, caller));
    }

    private PushResult run(SourceService.WebhookTarget target, Delivery delivery, String caller) {
        DatasetSchema schema = schemas.require(target.dataset());
        JsonRecordMapping mapping;
        try {
            mapping = JsonRecordMapping.of(schema, target.mapping());
        } catch (IllegalArgumentException e) {
            throw ProblemException.conflict("The source's mapping no longer fits dataset '" + schema.key() + "': "
                    + e.getMessage() + "; change the source");
        }
        List<Object> records = new ArrayList<>();
        for (Object document : documents(delivery)) {
            records.add(mapping.record(document));
        }
        OffsetDateTime receivedAt = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC)
                .truncatedTo(ChronoUnit.MICROS);
        long version = versions.next();
        String system = target.sourceSystem() != null ? target.sourceSystem()
                : schema.sourceSystem() != null ? schema.sourceSystem() : DEFAULT_SOURCE_SYSTEM;
        BatchValidator.Outcome outcome = BatchValidator.validate(schema, records, system, version, receivedAt,
                config.timeZone());
        publisher.publish(outcome.accepted());
        PushResult result = outcome.result(schema.key(), system, version);
        QuarkusTransaction.requiringNew().run(() -> {
            rejections.store(schema.key(), caller, outcome.rejected(), receivedAt, reader.mapper());
            if (delivery.deliveryId() != null) {
                idempotency.complete(caller, delivery.deliveryId(), write(result));
            }
        });
        return result;
    }

    /** The delivered JSON values: one object, an array of them, or NDJSON (one per line). */
    private List<Object> documents(Delivery delivery) {
        byte[] body = delivery.body();
        int first = 0;
        while (first < body.length && Character.isWhitespace(body[first])) {
            first++;
        }
        if (delivery.format() == BatchFormat.NDJSON || first == body.length || body[first] != '{') {
            return reader.read(delivery.format(), body);
        }
        try (JsonParser p = reader.mapper().createParser(body)) {
            Object document = reader.mapper().readValue(p, Object.class);
            if (p.nextToken() != null) {
                throw malformed("Unexpected content after the JSON object; send one object, an array of objects, "
                        + "or NDJSON as application/x-ndjson");
            }
            List<Object> one = new ArrayList<>(1);
            one.add(document);
            return one;
        } catch (JsonProcessingException e) {
            throw malformed("The body is not a JSON object: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw malformed("The body cannot be read: " + e.getMessage());
        }
    }

    private static ProblemException malformed(String detail) {
        return new ProblemException(400, "malformed-json", "Malformed JSON", detail);
    }

    private String write(PushResult result) {
        try {
            return json.writeValueAsString(result);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A push result cannot be written as JSON", e);
        }
    }

    private static ProblemException unauthorized(String detail) {
        return new ProblemException(401, "invalid-signature", "Invalid signature", detail);
    }
}
