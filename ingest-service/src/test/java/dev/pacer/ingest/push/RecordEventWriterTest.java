package dev.pacer.ingest.push;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.pacer.events.CloudEvent;
import dev.pacer.events.EventSources;
import dev.pacer.events.RecordChanged;
import dev.pacer.events.RecordOperation;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;

/** The events the writer makes are, character for character, what the mapper writes for the same CloudEvent. */
class RecordEventWriterTest {
    private static final OffsetDateTime NOW = OffsetDateTime.of(2026, 1, 1, 8, 0, 0, 123_456_000, ZoneOffset.UTC);
    private static final OffsetDateTime INGESTED = OffsetDateTime.of(2026, 1, 1, 8, 0, 0, 120_000_000, ZoneOffset.UTC);

    private static ObjectMapper mapper() {
        return new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
    }

    private static List<RecordChanged> records() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("order_id", 10248L);
        fields.put("customer \"id\"", "VINET \\ \u00e9\u4e2d \n\t\u0001");
        fields.put("order_date", LocalDate.of(1996, 7, 4));
        fields.put("shipped_at", OffsetDateTime.of(1996, 7, 16, 9, 30, 0, 0, ZoneOffset.ofHours(8)));
        fields.put("unit_price", new BigDecimal("14.00"));
        fields.put("big", new BigDecimal("1E+3").setScale(0));
        fields.put("tiny", new BigDecimal("0.000000001"));
        fields.put("huge", new BigInteger("123456789012345678901234567890"));
        fields.put("small", 7);
        fields.put("paid", true);
        fields.put("ratio", 0.25d);
        fields.put("missing", null);
        OffsetDateTime eventTime = OffsetDateTime.of(1996, 7, 4, 0, 0, 0, 0, ZoneOffset.ofHours(8));
        return List.of(
                new RecordChanged("orders", "10248|11", RecordOperation.UPSERT, "erp", 5L, eventTime, fields, INGESTED),
                new RecordChanged("orders", "10248|42", RecordOperation.UPSERT, "erp", 5L, null, Map.of("x", "y"),
                        INGESTED),
                new RecordChanged("orders", "10249|1\\|4", RecordOperation.DELETE, "erp", 1767225600000000L, null, null,
                        INGESTED));
    }

    private static void assertWritesAsTheMapper(ObjectMapper json) throws Exception {
        RecordEventWriter writer = new RecordEventWriter(json, new RecordEventWriter.Temporals(4), NOW);
        for (RecordChanged r : records()) {
            String written = writer.write(r, r.kafkaKey());
            String id = json.readTree(written).get("id").asText();
            String expected = json.writeValueAsString(new CloudEvent<>(CloudEvent.SPEC_VERSION, id,
                    EventSources.INGEST_SERVICE, r.eventType(), r.kafkaKey(), NOW, CloudEvent.JSON, r));
            assertThat(written).isEqualTo(expected);
        }
    }

    @Test
    void writesWhatTheMapperWrites() throws Exception {
        assertWritesAsTheMapper(mapper());
    }

    @Test
    void writesWhatAMapperWithAnExplicitTimeZoneWrites() throws Exception {
        // as Quarkus configures its mapper (quarkus.jackson.timezone=UTC): timestamps are then written in UTC
        assertWritesAsTheMapper(mapper().setTimeZone(TimeZone.getTimeZone("UTC")));
        assertWritesAsTheMapper(mapper().setTimeZone(TimeZone.getTimeZone("Asia/Shanghai")));
    }

    @Test
    void eachEventHasItsOwnIdAndNothingOfTheOthers() throws Exception {
        ObjectMapper json = mapper();
        RecordEventWriter writer = new RecordEventWriter(json, new RecordEventWriter.Temporals(4), NOW);
        List<RecordChanged> records = records();
        String first = writer.write(records.get(0), records.get(0).kafkaKey());
        String second = writer.write(records.get(1), records.get(1).kafkaKey());

        assertThat(json.readTree(first).get("id").asText()).isNotEqualTo(json.readTree(second).get("id").asText());
        assertThat(second).startsWith("{\"specversion\"").endsWith("}}").doesNotContain("10248|11");
    }
}
