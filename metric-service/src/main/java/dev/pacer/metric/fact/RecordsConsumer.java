package dev.pacer.metric.fact;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pacer.events.RecordOperation;
import dev.pacer.metric.dataset.DatasetDefinition;
import dev.pacer.metric.dataset.DatasetEntity;
import dev.pacer.metric.dataset.DatasetField;
import dev.pacer.metric.dataset.FieldType;
import dev.pacer.metric.value.ValueRefresh;
import dev.pacer.platform.calendar.FiscalCalendar;
import dev.pacer.platform.database.PostgresText;
import dev.pacer.platform.messaging.DeadLetters;
import dev.pacer.platform.messaging.PoisonMessageException;
import dev.pacer.platform.time.IsoText;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Applies {@code pacer.records} in batches: each batch is stored as facts (bulk upsert, last writer wins by source
 * version) and the affected metric values are recomputed, in one transaction, so a crash loses nothing and a
 * redelivery changes nothing. A record that can never be applied goes to {@code pacer.records.dlq} alone; a batch that
 * keeps failing is retried record by record so one bad record cannot block the partition.
 *
 * <p>Messages arrive read ahead where possible: the Kafka client's polling thread reads the next batch's messages
 * ({@link ReadAheadDeserializer}) while this consumer's batch is in the database, with the event-time field names of the
 * datasets as the last batch found them; a message read for other names (a dataset was added or changed) or not read
 * ahead at all is read here.
 */
@ApplicationScoped
public class RecordsConsumer {
    private static final Logger LOG = Logger.getLogger(RecordsConsumer.class);
    private static final int BATCH_ATTEMPTS = 3;
    /** Batches from this size are read in parallel (below it, forking costs more than it saves). */
    private static final int PARALLEL_READ_FROM = 512;

    /** The first and last dates PostgreSQL's {@code date} holds (4713 BC and 5874897 AD). */
    private static final LocalDate FIRST_DATE = LocalDate.of(-4712, 11, 24);
    private static final LocalDate LAST_DATE = LocalDate.of(5_874_897, 12, 31);

    private final DeadLetters deadLetters;
    private final FactStore facts;
    private final ValueRefresh refresh;
    private final FiscalCalendar calendar;
    private final ObjectMapper json;
    private final RecordEvents recordEvents;
    /** The event-time field names the last batch found, for reading ahead; null until the first batch. */
    private volatile Set<String> readAheadNames;
    /** Messages applied as they were read ahead, and those read here (tests: the read-ahead works through Kafka). */
    private final AtomicLong readAheadUsed = new AtomicLong();
    private final AtomicLong readHere = new AtomicLong();

    public RecordsConsumer(DeadLetters deadLetters, FactStore facts, ValueRefresh refresh,
            FiscalCalendar calendar, ObjectMapper json) {
        this.deadLetters = deadLetters;
        this.facts = facts;
        this.refresh = refresh;
        this.calendar = calendar;
        this.json = json;
        this.recordEvents = new RecordEvents(json);
    }

    @Incoming("records")
    @Blocking(ordered = true)
    public void onRecords(ConsumerRecords<String, ReadAhead> batch) {
        List<ConsumerRecord<String, ReadAhead>> records = new ArrayList<>();
        batch.forEach(records::add);
        for (int attempt = 1; attempt <= BATCH_ATTEMPTS; attempt++) {
            try {
                applyBatch(records);
                return;
            } catch (RuntimeException e) {
                LOG.warnf("Applying %d records failed (attempt %d of %d): %s", records.size(), attempt, BATCH_ATTEMPTS,
                        e.getMessage());
                sleep(200L * attempt);
            }
        }
        for (ConsumerRecord<String, ReadAhead> r : records) {
            applyAlone(r);
        }
    }

    /**
     * A message read ahead, in the Kafka client's polling thread ({@link ReadAheadDeserializer}), for the event-time
     * fields the last batch found; not read (left to {@link #read}) before the first batch or off the fast path.
     */
    public ReadAhead readAhead(ByteBuffer bytes) {
        Set<String> names = readAheadNames;
        return new ReadAhead(bytes, names, names == null ? null : recordEvents.fastRead(bytes, names));
    }

    private void applyBatch(List<ConsumerRecord<String, ReadAhead>> records) {
        QuarkusTransaction.requiringNew().run(() -> {
            Map<String, DatasetDefinition> datasets = datasets();
            Set<String> found = new HashSet<>();
            datasets.values().forEach(d -> found.add(d.eventTimeField()));
            Set<String> timeFields = readAheadNames;
            if (!found.equals(timeFields)) {
                timeFields = Set.copyOf(found);
                readAheadNames = timeFields;
            }
            Object[] read = read(records, timeFields);
            List<FactChange> changes = new ArrayList<>(records.size());
            for (int i = 0; i < read.length; i++) {
                try {
                    if (read[i] instanceof PoisonMessageException e) {
                        throw e;
                    }
                    changes.add(toFact((RecordMessage) read[i], datasets));
                } catch (PoisonMessageException e) {
                    deadLetters.send(raw(records.get(i)), e);
                }
            }
            refresh.markChanged(facts.apply(changes));
        });
    }

    /**
     * Each message read (a {@link RecordMessage}) or why it cannot be (a {@link PoisonMessageException}), by index:
     * as read ahead when it was read for these event-time fields, else read now. Reading is pure work on the message
     * text, so many messages left to read are read on all cores while the database waits.
     */
    private Object[] read(List<ConsumerRecord<String, ReadAhead>> records, Set<String> timeFields) {
        Object[] read = new Object[records.size()];
        int[] left = new int[read.length];
        int n = 0;
        for (int i = 0; i < read.length; i++) {
            ReadAhead v = records.get(i).value();
            if (v != null && v.message() != null && (v.timeFieldNames() == timeFields
                    || timeFields.equals(v.timeFieldNames()))) {
                read[i] = v.message();
                readAheadUsed.incrementAndGet();
            } else {
                left[n++] = i;
            }
        }
        readHere.addAndGet(n);
        IntStream range = IntStream.range(0, n);
        (n >= PARALLEL_READ_FROM ? range.parallel() : range).forEach(k -> {
            int i = left[k];
            try {
                read[i] = recordEvents.read(raw(records.get(i)), timeFields);
            } catch (PoisonMessageException e) {
                read[i] = e;
            }
        });
        return read;
    }

    /** How many messages were applied as read ahead, and how many were read by the consumer itself. */
    long[] readCounts() {
        return new long[] {readAheadUsed.get(), readHere.get()};
    }

    /** The record with its message as the bytes Kafka delivered (for the full parse and dead letters). */
    static ConsumerRecord<String, ByteBuffer> raw(ConsumerRecord<String, ReadAhead> r) {
        return new ConsumerRecord<>(r.topic(), r.partition(), r.offset(), r.timestamp(), r.timestampType(),
                r.serializedKeySize(), r.serializedValueSize(), r.key(), r.value() == null ? null : r.value().bytes(),
                r.headers(), r.leaderEpoch());
    }

    /** Last resort for a batch that keeps failing: each record in its own transaction; failures are dead-lettered. */
    private void applyAlone(ConsumerRecord<String, ReadAhead> r) {
        try {
            applyBatch(List.of(r));
        } catch (RuntimeException e) {
            LOG.errorf("Record at %s/%d@%d cannot be applied, dead-lettering it: %s", r.topic(), r.partition(),
                    r.offset(), e.getMessage());
            deadLetters.send(raw(r), e);
        }
    }

    FactChange toFact(RecordMessage rc, Map<String, DatasetDefinition> datasets) {
        DatasetDefinition dataset = datasets.get(rc.dataset());
        if (dataset == null) {
            throw new PoisonMessageException("Record for unknown dataset '" + rc.dataset() + "'");
        }
        if (!PostgresText.canHold(rc.primaryKey())) {
            throw new PoisonMessageException("Record of '" + rc.dataset() + "' has a primary key with \\u0000 or a "
                    + "broken surrogate pair, which no PostgreSQL text can hold");
        }
        if (rc.operation() == RecordOperation.DELETE) {
            return new FactChange(rc.dataset(), rc.primaryKey(), rc.sourceVersion(), null, true, null);
        }
        LocalDate date = eventDate(dataset, rc);
        if (date.isBefore(FIRST_DATE) || date.isAfter(LAST_DATE)) {
            throw new PoisonMessageException("Record " + rc.primaryKey() + " of '" + rc.dataset() + "' has an event "
                    + "time outside the dates a database can hold (" + date + ")");
        }
        return new FactChange(rc.dataset(), rc.primaryKey(), rc.sourceVersion(), date, false, rc.fieldsJson());
    }

    private LocalDate eventDate(DatasetDefinition dataset, RecordMessage rc) {
        String field = dataset.eventTimeField();
        String value = rc.timeFields().get(field);
        if (value == null) {
            if (rc.eventTime() != null) {
                return calendar.dateOf(rc.eventTime().toInstant());
            }
            throw new PoisonMessageException("Record " + rc.primaryKey() + " of '" + rc.dataset()
                    + "' has no event time ('" + field + "')");
        }
        FieldType type = dataset.fields().stream().filter(f -> f.name().equals(field)).map(DatasetField::type)
                .findFirst().orElse(FieldType.DATE);
        try {
            if (type == FieldType.TIMESTAMP) {
                OffsetDateTime fast = RecordEvents.FastOffsetDateTime.parse(value);
                return calendar.dateOf((fast != null ? fast : OffsetDateTime.parse(value)).toInstant());
            }
            String date = value.length() > 10 ? value.substring(0, 10) : value;
            LocalDate fast = IsoText.plainDate(date);
            return fast != null ? fast : LocalDate.parse(date);
        } catch (DateTimeParseException e) {
            throw new PoisonMessageException("Record " + rc.primaryKey() + " of '" + rc.dataset() + "' has an "
                    + "unreadable " + field + ": '" + value + "'", e);
        }
    }

    /** Every dataset's current definition by key (a handful of rows, read once per batch). */
    private Map<String, DatasetDefinition> datasets() {
        Map<String, DatasetDefinition> out = new HashMap<>();
        for (DatasetEntity e : DatasetEntity.<DatasetEntity>listAll()) {
            try {
                out.put(e.key, json.readValue(e.definition, DatasetDefinition.class));
            } catch (JsonProcessingException ex) {
                throw new IllegalStateException(ex);
            }
        }
        return out;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
