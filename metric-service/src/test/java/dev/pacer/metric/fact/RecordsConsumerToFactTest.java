package dev.pacer.metric.fact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pacer.events.RecordOperation;
import dev.pacer.metric.dataset.DatasetDefinition;
import dev.pacer.metric.dataset.DatasetField;
import dev.pacer.metric.dataset.FieldType;
import dev.pacer.platform.calendar.FiscalCalendar;
import dev.pacer.platform.messaging.PoisonMessageException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A record's event date and primary key (plain unit test: the consumer's {@code toFact} without Kafka or a database). */
class RecordsConsumerToFactTest {
    private static final DatasetDefinition READINGS = new DatasetDefinition("Readings", null,
            List.of(new DatasetField("id", FieldType.STRING, true, null),
                    new DatasetField("at", FieldType.TIMESTAMP, true, null)),
            List.of("id"), "at", "ops", "test");
    private final RecordsConsumer consumer = new RecordsConsumer(null, null, null, FiscalCalendar.utcCalendarYear(),
            new ObjectMapper());

    @Test
    void anEventTimeInsideWhatTheDatabaseHoldsIsItsDate() {
        assertThat(fact("+5874897-12-31T23:59:59Z").eventDate()).isEqualTo(LocalDate.of(5_874_897, 12, 31));
        assertThat(fact("-4712-11-24T00:00:00Z").eventDate()).isEqualTo(LocalDate.of(-4712, 11, 24));
        assertThat(fact("2026-11-27T23:30:00-02:00").eventDate()).isEqualTo(LocalDate.of(2026, 11, 28));
    }

    @Test
    void anEventTimeOutsideWhatTheDatabaseHoldsIsPoison() {
        assertThatThrownBy(() -> fact("+5874898-01-01T00:00:00Z")).isInstanceOf(PoisonMessageException.class)
                .hasMessageContaining("outside the dates a database can hold");
        assertThatThrownBy(() -> fact("-4712-11-23T00:00:00Z")).isInstanceOf(PoisonMessageException.class);
    }

    @Test
    void aPrimaryKeyNoDatabaseTextCanHoldIsPoison() {
        for (String pk : List.of("a\u0000b", "\uDC00", "x\uD83D")) {
            assertThatThrownBy(() -> consumer.toFact(message(pk, "2026-01-01T00:00:00Z"), Map.of("readings", READINGS)))
                    .isInstanceOf(PoisonMessageException.class).hasMessageContaining("primary key");
        }
        assertThat(consumer.toFact(message("😀 é", "2026-01-01T00:00:00Z"), Map.of("readings", READINGS)).pk())
                .isEqualTo("😀 é");
    }

    private static RecordMessage message(String pk, String at) {
        return new RecordMessage("readings", pk, RecordOperation.UPSERT, 1, null, StandardCharsets.UTF_8.encode("{}"),
                Map.of("at", at));
    }

    private FactChange fact(String at) {
        return consumer.toFact(message("1", at), Map.of("readings", READINGS));
    }
}
