package dev.pacer.ingest.push;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pacer.events.RecordChanged;
import dev.pacer.ingest.IngestConfig;
import dev.pacer.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.jboss.logging.Logger;

/**
 * Publishes pushed records to {@code pacer.records} as {@code RecordChanged} CloudEvents keyed {@code dataset:primaryKey}
 * and returns only when Kafka acknowledged every one of them ({@code acks=all}).
 *
 * <p>Why not the transactional outbox, which the platform prescribes for domain events: the outbox exists so that a
 * state change of a service and the event announcing it commit together. A pushed record is not a state change of
 * ingest-service; it is a fact from a source system that ingest checks and relays, and nothing in ingest's database
 * has to agree with it. The promise is made to the client instead: the push is answered only once every record is
 * durably in Kafka, and a Kafka failure is a 503 without any stored idempotency entry, so the client's retry (with
 * the same Idempotency-Key) publishes again. A partly published batch re-sent that way is harmless: records are
 * upserts by primary key, and the retry's source version is newer. Going straight to Kafka also spares writing every
 * record twice on the path that must carry tens of thousands of records a second.
 */
@ApplicationScoped
public class RecordPublisher {
    /** The response header telling a client when to retry a batch Kafka did not acknowledge (RFC 9110, 10.2.3). */
    public static final String RETRY_AFTER = "Retry-After";
    /** Seconds a client is asked to wait: long enough for a broker to come back or a partition leader to move. */
    public static final int RETRY_AFTER_SECONDS = 5;
    private static final Logger LOG = Logger.getLogger(RecordPublisher.class);
    private static final byte[] CLOUDEVENTS_JSON = "application/cloudevents+json; charset=UTF-8"
            .getBytes(StandardCharsets.UTF_8);

    private final Producer<String, String> producer;
    private final ObjectMapper json;
    private final Duration ackTimeout;
    /** Dates and timestamps as JSON, kept across batches (a few thousand distinct values at most). */
    private final RecordEventWriter.Temporals temporals = new RecordEventWriter.Temporals(4096);

    @Inject
    public RecordPublisher(@PushRecords Producer<String, String> producer, ObjectMapper json, IngestConfig config) {
        this(producer, json, config.push().ackTimeout());
    }

    RecordPublisher(Producer<String, String> producer, ObjectMapper json, Duration ackTimeout) {
        this.producer = producer;
        // decimals as the digits they arrived with (14.00 stays 14.00; never 1.4E+1)
        this.json = json.copy().enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
        this.ackTimeout = ackTimeout;
    }

    /**
     * Sends the records in order and waits for all acknowledgements. Their CloudEvents share one creation time and are
     * written by a {@link RecordEventWriter}: as the mapper would write them, at a fraction of its cost.
     *
     * @throws ProblemException 503 when Kafka did not acknowledge every record in time; some may have been written
     */
    public void publish(List<RecordChanged> records) {
        if (records.isEmpty()) {
            return;
        }
        List<Future<RecordMetadata>> acks = new ArrayList<>(records.size());
        RecordEventWriter events = new RecordEventWriter(json, temporals,
                OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS));
        try {
            for (RecordChanged r : records) {
                String key = r.kafkaKey();
                ProducerRecord<String, String> record = new ProducerRecord<>(r.topic(), key, events.write(r, key));
                record.headers().add("content-type", CLOUDEVENTS_JSON);
                acks.add(producer.send(record));
            }
            long deadline = System.nanoTime() + ackTimeout.toNanos();
            for (Future<RecordMetadata> ack : acks) {
                ack.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (ExecutionException e) {
            throw unavailable(e.getCause() == null ? e : e.getCause());
        } catch (TimeoutException | KafkaException e) {
            throw unavailable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(e);
        }
    }

    private static ProblemException unavailable(Throwable cause) {
        String why = cause instanceof TimeoutException ? "no acknowledgement in time"
                : cause.getClass().getSimpleName() + ": " + cause.getMessage();
        LOG.warnf("Kafka did not acknowledge a pushed batch (%s)", why);
        return new ProblemException(503, "records-not-stored", "Service unavailable",
                "The records could not be stored durably in Kafka, so none is acknowledged; retry the same request "
                        + "(with the same Idempotency-Key) in a few seconds")
                .withHeader(RETRY_AFTER, String.valueOf(RETRY_AFTER_SECONDS));
    }
}
