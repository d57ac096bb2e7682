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
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

/**
 * The idempotent consumer every service uses: parses a Kafka record into a {@link CloudEvent}, and applies it in
 * one transaction together with a row in {@code processed_event}, so a redelivered event changes nothing.
 * Messages that can never be applied raise {@link PoisonMessageException} (the channel's dead-letter strategy
 * takes them); transient failures are retried with backoff before they are dead-lettered.
 *
 * <p>{@link #applyBatch} does the same for a whole poll of a batch channel in one transaction — one commit and one
 * insert of event ids instead of one each per event, and a handler that sees the events together (and can, say,
 * recompute a goal once for a hundred of its values). Poison records are dead-lettered alone and the rest go on.
 */
@ApplicationScoped
public class EventConsumer {
    private static final Logger LOG = Logger.getLogger(EventConsumer.class);
    private static final String MARK = "insert into processed_event (consumer, event_id) values (?, ?) "
            + "on conflict do nothing";

    private static final String MARK_ALL = "insert into processed_event (consumer, event_id) "
            + "select ?, id from unnest(?::text[]) as ids (id) on conflict do nothing returning event_id";

    private final ObjectMapper json;
    private final AgroalDataSource dataSource;
    private final ConsumerConfig config;
    private final DeadLetters deadLetters;

    public EventConsumer(ObjectMapper json, AgroalDataSource dataSource, ConsumerConfig config,
            DeadLetters deadLetters) {
        this.json = json.copy().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                .configure(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS, true);
        this.dataSource = dataSource;
        this.config = config;
        this.deadLetters = deadLetters;
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

    /**
     * Applies the records of one poll (a batch channel), each event once, in one new transaction: events already
     * recorded for {@code consumer} (and repeats of an id within the batch) are left out, and the handler gets the
     * others in the records' order. A record that is not a CloudEvent of {@code eventType} with a {@code dataType}
     * payload is dead-lettered alone. If the batch transaction fails it is retried with backoff like {@link #apply};
     * if it still fails — or the handler refuses an event ({@link PoisonMessageException}, a validation or argument
     * error) — each record is applied alone, so only the records that cannot be applied are dead-lettered.
     *
     * @return how many events were applied now
     */
    public <T> int applyBatch(String consumer, Iterable<ConsumerRecord<String, String>> records, Class<T> dataType,
            String eventType, Consumer<List<CloudEvent<T>>> handler) {
        List<ConsumerRecord<String, String>> readable = new ArrayList<>();
        List<CloudEvent<T>> events = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            try {
                CloudEvent<T> event = parse(record, dataType);
                if (!eventType.equals(event.type())) {
                    throw new PoisonMessageException("Event " + event.id() + " on " + record.topic() + " has type "
                            + event.type() + ", not " + eventType);
                }
                readable.add(record);
                events.add(event);
            } catch (PoisonMessageException e) {
                deadLetters.send(record, e);
            }
        }
        if (events.isEmpty()) {
            return 0;
        }
        long backoff = config.initialBackoff().toMillis();
        for (int attempt = 1;; attempt++) {
            try {
                return QuarkusTransaction.requiringNew().call(() -> {
                    List<CloudEvent<T>> fresh = firstTimes(consumer, events);
                    if (!fresh.isEmpty()) {
                        handler.accept(fresh);
                    }
                    return fresh.size();
                });
            } catch (PoisonMessageException | ProblemException | ValidationException | IllegalArgumentException e) {
                LOG.warnf("A batch of %d events for %s was refused (%s); applying them one by one", events.size(),
                        consumer, e.getMessage());
                return applyOneByOne(consumer, readable, dataType, handler);
            } catch (RuntimeException e) {
                if (attempt >= config.maxAttempts()) {
                    LOG.errorf("A batch of %d events for %s failed %d times (%s); applying them one by one",
                            events.size(), consumer, attempt, e.getMessage());
                    return applyOneByOne(consumer, readable, dataType, handler);
                }
                LOG.warnf("Applying a batch of %d events for %s failed (attempt %d), retrying in %d ms: %s",
                        events.size(), consumer, attempt, backoff, e.getMessage());
                sleep(backoff);
                backoff = Math.min(backoff * 2, 10_000);
            }
        }
    }

    private <T> int applyOneByOne(String consumer, List<ConsumerRecord<String, String>> records, Class<T> dataType,
            Consumer<List<CloudEvent<T>>> handler) {
        int applied = 0;
        for (ConsumerRecord<String, String> record : records) {
            try {
                if (apply(consumer, record, dataType, event -> handler.accept(List.of(event)))) {
                    applied++;
                }
            } catch (RuntimeException e) {
                LOG.errorf("Event at %s cannot be applied, dead-lettering it: %s", origin(record), e.getMessage());
                deadLetters.send(record, e);
            }
        }
        return applied;
    }

    /** Records the events' ids for the consumer in the current transaction; returns those not recorded before. */
    private <T> List<CloudEvent<T>> firstTimes(String consumer, List<CloudEvent<T>> events) {
        Set<String> marked = new HashSet<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(MARK_ALL)) {
            ps.setString(1, consumer);
            ps.setArray(2, c.createArrayOf("text", events.stream().map(CloudEvent::id).distinct().toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    marked.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not record processed events: " + e.getMessage(), e);
        }
        List<CloudEvent<T>> fresh = new ArrayList<>(marked.size());
        for (CloudEvent<T> event : events) {
            if (marked.remove(event.id())) {
                fresh.add(event);
            }
        }
        return fresh;
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
