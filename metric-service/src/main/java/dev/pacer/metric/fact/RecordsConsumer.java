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
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Applies {@code pacer.records} in batches: each batch is stored as facts (bulk upsert, last writer wins by source
 * version) and the affected metric values are recomputed, in one transaction, so a crash loses nothing and a
 * redelivery changes nothing. A record that can never be applied goes to {@code pacer.records.dlq} alone; a batch that
 * keeps failing is retried record by record so one bad record cannot block the partition. A batch is read in parts
 * ({@link #PART} records), each handed to the fact store as soon as it is read, which copies it to the database at once:
 * the database stages one part while the next is read.
 */
@ApplicationScoped
public class RecordsConsumer {
    private static final Logger LOG = Logger.getLogger(RecordsConsumer.class);
    private static final int BATCH_ATTEMPTS = 3;
    /** Batches from this size are read in parallel (below it, forking costs more than it saves). */
    private static final int PARALLEL_READ_FROM = 512;
    /**
     * A batch is read and handed to the fact store in parts of this many records: the database stages each part while
     * the next one is read ({@link FactStore#apply(Iterator)}).
     */
    private static final int PART = 2_000;

    /** The first and last dates PostgreSQL's {@code date} holds (4713 BC and 5874897 AD). */
    private static final LocalDate FIRST_DATE = LocalDate.of(-4712, 11, 24);
    private static final LocalDate LAST_DATE = LocalDate.of(5_874_897, 12, 31);

    private final DeadLetters deadLetters;
    private final FactStore facts;
    private final ValueRefresh refresh;
    private final FiscalCalendar calendar;
    private final ObjectMapper json;
    private final RecordEvents recordEvents;

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
    public void onRecords(ConsumerRecords<String, ByteBuffer> batch) {
        List<ConsumerRecord<String, ByteBuffer>> records = new ArrayList<>();
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
        for (ConsumerRecord<String, ByteBuffer> r : records) {
            applyAlone(r);
        }
    }

    private void applyBatch(List<ConsumerRecord<String, ByteBuffer>> records) {
        QuarkusTransaction.requiringNew().run(() -> {
            Map<String, DatasetDefinition> datasets = datasets();
            Set<String> timeFields = new HashSet<>();
            datasets.values().forEach(d -> timeFields.add(d.eventTimeField()));
            refresh.markChanged(facts.apply(new Iterator<>() {
                private int from;

                @Override
                public boolean hasNext() {
                    return from < records.size();
                }

                @Override
                public List<FactChange> next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    int to = Math.min(records.size(), from + PART);
                    List<FactChange> part = facts(records.subList(from, to), datasets, timeFields);
                    from = to;
                    return part;
                }
            }));
        });
    }

    /** The facts of the records; a record that can never be applied goes to the dead letters instead. */
    private List<FactChange> facts(List<ConsumerRecord<String, ByteBuffer>> records,
            Map<String, DatasetDefinition> datasets, Set<String> timeFields) {
        Object[] read = read(records, timeFields);
        List<FactChange> changes = new ArrayList<>(records.size());
        for (int i = 0; i < read.length; i++) {
            try {
                if (read[i] instanceof PoisonMessageException e) {
                    throw e;
                }
                changes.add(toFact((RecordMessage) read[i], datasets));
            } catch (PoisonMessageException e) {
                deadLetters.send(records.get(i), e);
            }
        }
        return changes;
    }

    /**
     * Each message read (a {@link RecordMessage}) or why it cannot be (a {@link PoisonMessageException}), by index.
     * Reading is pure work on the message text, so a large part is read on all cores (while the database stages the
     * part before).
     */
    private Object[] read(List<ConsumerRecord<String, ByteBuffer>> records, Set<String> timeFields) {
        Object[] read = new Object[records.size()];
        IntStream range = IntStream.range(0, read.length);
        (read.length >= PARALLEL_READ_FROM ? range.parallel() : range).forEach(i -> {
            try {
                read[i] = recordEvents.read(records.get(i), timeFields);
            } catch (PoisonMessageException e) {
                read[i] = e;
            }
        });
        return read;
    }

    /** Last resort for a batch that keeps failing: each record in its own transaction; failures are dead-lettered. */
    private void applyAlone(ConsumerRecord<String, ByteBuffer> r) {
        try {
            applyBatch(List.of(r));
        } catch (RuntimeException e) {
            LOG.errorf("Record at %s/%d@%d cannot be applied, dead-lettering it: %s", r.topic(), r.partition(),
                    r.offset(), e.getMessage());
            deadLetters.send(r, e);
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
        FieldType type = FieldType.DATE;
        for (DatasetField f : dataset.fields()) { // a plain loop: this runs for every record
            if (f.name().equals(field)) {
                type = f.type();
                break;
            }
        }
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
