package dev.pacer.platform.messaging;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pacer.events.CloudEvent;
import dev.pacer.platform.problem.ProblemException;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ValidationException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

/**
 * The idempotent consumer every service uses: parses a Kafka record into a {@link CloudEvent}, and applies it in
 * one transaction together with a row in {@code processed_event}, so a redelivered event changes nothing.
 * Messages that can never be applied raise {@link PoisonMessageException} (the channel's dead-letter strategy
 * takes them); transient failures are retried with backoff before they are dead-lettered.
 */
@ApplicationScoped
public class EventConsumer {
    private static final Logger LOG = Logger.getLogger(EventConsumer.class);
    private static final String MARK = "insert into processed_event (consumer, event_id) values (?, ?) "
            + "on conflict do nothing";

    private final ObjectMapper json;
    private final AgroalDataSource dataSource;
    private final ConsumerConfig config;

    public EventConsumer(ObjectMapper json, AgroalDataSource dataSource, ConsumerConfig config) {
        this.json = json.copy().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                .configure(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS, true);
        this.dataSource = dataSource;
        this.config = config;
    }

    /** Parses a record's value as a CloudEvent with a payload of the given type. */
    public <T> CloudEvent<T> parse(ConsumerRecord<String, String> record, Class<T> dataType) {
        if (record.value() == null) {
            throw new PoisonMessageException("Empty message at " + origin(record));
        }
        JavaType type = json.getTypeFactory().constructParametricType(CloudEvent.class, dataType);
        try {
            CloudEvent<T> event = json.readValue(record.value(), type);
            if (event == null || event.data() == null) {
                throw new PoisonMessageException("CloudEvent without data at " + origin(record));
            }
            return event;
        } catch (PoisonMessageException e) {
            throw e;
        } catch (Exception e) {
            throw new PoisonMessageException("Not a " + dataType.getSimpleName() + " CloudEvent at " + origin(record)
                    + ": " + e.getMessage(), e);
        }
    }

    /**
     * Applies the record once: the handler runs in a new transaction that also records the event id for
     * {@code consumer}; if the id was already recorded the handler is not called. Returns true if applied now.
     */
    public <T> boolean apply(String consumer, ConsumerRecord<String, String> record, Class<T> dataType,
            Consumer<CloudEvent<T>> handler) {
        CloudEvent<T> event = parse(record, dataType);
        long backoff = config.initialBackoff().toMillis();
        for (int attempt = 1;; attempt++) {
            try {
                return QuarkusTransaction.requiringNew().call(() -> {
                    if (!markFirstTime(consumer, event.id())) {
                        return false;
                    }
                    handler.accept(event);
                    return true;
                });
            } catch (PoisonMessageException e) {
                throw e;
            } catch (ProblemException | ValidationException | IllegalArgumentException e) {
                throw new PoisonMessageException("Event " + event.id() + " at " + origin(record) + " refused: "
                        + e.getMessage(), e);
            } catch (RuntimeException e) {
                if (attempt >= config.maxAttempts()) {
                    throw new IllegalStateException("Event " + event.id() + " at " + origin(record) + " failed "
                            + attempt + " times: " + e.getMessage(), e);
                }
                LOG.warnf("Applying event %s failed (attempt %d), retrying in %d ms: %s", event.id(), attempt,
                        backoff, e.getMessage());
                sleep(backoff);
                backoff = Math.min(backoff * 2, 10_000);
            }
        }
    }

    /** Records the event id for the consumer in the current transaction; false if it was already there. */
    public boolean markFirstTime(String consumer, String eventId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(MARK)) {
            ps.setString(1, consumer);
            ps.setString(2, eventId);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not record processed event: " + e.getMessage(), e);
        }
    }

    /**
     * Forgets event ids older than the retention. {@code processed_at} is stamped by the database ({@code now()}),
     * so the cut-off is computed there too: the same clock on both sides, whatever the application's clock says
     * (a test clock may stand years away from the database's).
     */
    @Scheduled(every = "1h", delayed = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void forgetOldEvents() {
        forgetOlderThan(config.processedRetention());
    }

    /** Deletes the processed-event rows older than {@code retention} by the database's clock; returns how many. */
    int forgetOlderThan(Duration retention) {
        return QuarkusTransaction.requiringNew().call(() -> {
            try (Connection c = dataSource.getConnection();
                    PreparedStatement ps = c.prepareStatement("delete from processed_event "
                            + "where processed_at < now() - make_interval(secs => ?)")) {
                ps.setLong(1, retention.toSeconds());
                return ps.executeUpdate();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    static String origin(ConsumerRecord<?, ?> record) {
        return record.topic() + "/" + record.partition() + "@" + record.offset();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while retrying", e);
        }
    }
}
