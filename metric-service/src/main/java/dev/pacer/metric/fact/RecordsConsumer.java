package dev.pacer.metric.fact;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pacer.events.CloudEvent;
import dev.pacer.events.RecordChanged;
import dev.pacer.events.RecordOperation;
import dev.pacer.metric.dataset.DatasetDefinition;
import dev.pacer.metric.dataset.DatasetEntity;
import dev.pacer.metric.dataset.DatasetField;
import dev.pacer.metric.dataset.FieldType;
import dev.pacer.metric.value.ValueEngine;
import dev.pacer.platform.calendar.FiscalCalendar;
import dev.pacer.platform.messaging.DeadLetters;
import dev.pacer.platform.messaging.PoisonMessageException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Applies {@code pacer.records} in batches: each batch is stored as facts (bulk upsert, last writer wins by source
 * version) and the affected metric values are recomputed, in one transaction, so a crash loses nothing and a
 * redelivery changes nothing. A record that can never be applied goes to {@code pacer.records.dlq} alone; a batch that
 * keeps failing is retried record by record so one bad record cannot block the partition.
 */
@ApplicationScoped
public class RecordsConsumer {
    private static final Logger LOG = Logger.getLogger(RecordsConsumer.class);
    private static final int BATCH_ATTEMPTS = 3;

    private final DeadLetters deadLetters;
    private final FactStore facts;
    private final ValueEngine values;
    private final FiscalCalendar calendar;
    private final ObjectMapper json;
    private final RecordEvents recordEvents;

    public RecordsConsumer(DeadLetters deadLetters, FactStore facts, ValueEngine values,
            FiscalCalendar calendar, ObjectMapper json) {
        this.deadLetters = deadLetters;
        this.facts = facts;
        this.values = values;
        this.calendar = calendar;
        this.json = json;
        this.recordEvents = new RecordEvents(json);
    }

    @Incoming("records")
    @Blocking(ordered = true)
    public void onRecords(ConsumerRecords<String, String> batch) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
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
        for (ConsumerRecord<String, String> r : records) {
            applyAlone(r);
        }
    }

    private void applyBatch(List<ConsumerRecord<String, String>> records) {
        QuarkusTransaction.requiringNew().run(() -> {
            Map<String, Optional<DatasetDefinition>> datasets = new HashMap<>();
            List<FactChange> changes = new ArrayList<>(records.size());
            for (ConsumerRecord<String, String> r : records) {
                try {
                    changes.add(toFact(r, datasets));
                } catch (PoisonMessageException e) {
                    deadLetters.send(r, e);
                }
            }
            values.factsChanged(facts.apply(changes));
        });
    }

    /** Last resort for a batch that keeps failing: each record in its own transaction; failures are dead-lettered. */
    private void applyAlone(ConsumerRecord<String, String> r) {
        try {
            applyBatch(List.of(r));
        } catch (RuntimeException e) {
            LOG.errorf("Record at %s/%d@%d cannot be applied, dead-lettering it: %s", r.topic(), r.partition(),
                    r.offset(), e.getMessage());
            deadLetters.send(r, e);
        }
    }

    FactChange toFact(ConsumerRecord<String, String> r, Map<String, Optional<DatasetDefinition>> datasets) {
        CloudEvent<RecordChanged> event = recordEvents.parse(r);
        RecordChanged rc = event.data();
        DatasetDefinition dataset = datasets.computeIfAbsent(rc.dataset(), this::dataset)
                .orElseThrow(() -> new PoisonMessageException("Record for unknown dataset '" + rc.dataset() + "'"));
        if (rc.operation() == RecordOperation.DELETE) {
            return new FactChange(rc.dataset(), rc.primaryKey(), rc.sourceVersion(), null, true, null);
        }
        LocalDate eventDate = eventDate(dataset, rc);
        try {
            return new FactChange(rc.dataset(), rc.primaryKey(), rc.sourceVersion(), eventDate, false,
                    json.writeValueAsString(rc.fields()));
        } catch (JsonProcessingException e) {
            throw new PoisonMessageException("Record fields cannot be stored: " + e.getOriginalMessage(), e);
        }
    }

    private LocalDate eventDate(DatasetDefinition dataset, RecordChanged rc) {
        String field = dataset.eventTimeField();
        Object value = rc.fields().get(field);
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
                return calendar.dateOf(OffsetDateTime.parse(value.toString()).toInstant());
            }
            String text = value.toString();
            return LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text);
        } catch (DateTimeParseException e) {
            throw new PoisonMessageException("Record " + rc.primaryKey() + " of '" + rc.dataset() + "' has an "
                    + "unreadable " + field + ": '" + value + "'", e);
        }
    }

    private Optional<DatasetDefinition> dataset(String key) {
        DatasetEntity e = DatasetEntity.findById(key);
        if (e == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(json.readValue(e.definition, DatasetDefinition.class));
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
