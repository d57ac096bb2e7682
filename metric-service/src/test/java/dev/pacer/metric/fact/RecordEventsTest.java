package dev.pacer.metric.fact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.pacer.events.CloudEvent;
import dev.pacer.events.EventSources;
import dev.pacer.events.RecordChanged;
import dev.pacer.events.RecordOperation;
import dev.pacer.platform.messaging.PoisonMessageException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class RecordEventsTest {
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    /** What the platform's EventConsumer reads with: the same mapper without the fast path. */
    private static final ObjectMapper PLATFORM = JSON.copy()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS, true);
    private final RecordEvents events = new RecordEvents(JSON);

    private static ConsumerRecord<String, ByteBuffer> message(String value) {
        return message(value == null ? null : utf8(value));
    }

    private static ConsumerRecord<String, ByteBuffer> message(byte[] value) {
        return new ConsumerRecord<>("pacer.records", 0, 42L, "k", value == null ? null : inside(value));
    }

    /**
     * The bytes as Kafka hands a value over: a slice of a larger array (the record's, or the fetch's), with other bytes
     * — here braces, to trip a reader that looked outside the slice — before and after it.
     */
    private static ByteBuffer inside(byte[] value) {
        byte[] array = new byte[value.length + 12];
        java.util.Arrays.fill(array, (byte) '}');
        System.arraycopy(value, 0, array, 5, value.length);
        return ByteBuffer.wrap(array, 5, value.length).slice();
    }

    private static String text(ByteBuffer utf8) {
        return StandardCharsets.UTF_8.decode(utf8.duplicate()).toString();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String recordJson(String time) {
        return "{\"specversion\":\"1.0\",\"id\":\"e1\",\"source\":\"/ingest\",\"type\":\"pacer.record.changed\","
                + "\"time\":\"" + time + "\",\"data\":{\"dataset\":\"orders\",\"primaryKey\":\"7\","
                + "\"operation\":\"UPSERT\",\"sourceSystem\":\"erp\",\"sourceVersion\":3,\"eventTime\":\"" + time
                + "\",\"fields\":{\"amount\":12.50,\"n\":3,\"day\":\"2024-02-29\",\"x\":null},\"ingestedAt\":\"" + time
                + "\"}}";
    }

    private static CloudEvent<RecordChanged> platformParse(String json) throws Exception {
        return PLATFORM.readValue(json, new TypeReference<CloudEvent<RecordChanged>>() { });
    }

    @Test
    void timestampsReadTheSameAsThroughJacksonWhateverTheirForm() throws Exception {
        List<String> times = List.of("2026-11-27T01:06:00Z", "2026-11-27T01:06:00.1Z", "2026-11-27T01:06:00.123456Z",
                "2026-11-27T01:06:00.123456789Z", "2024-02-29T23:59:59.999+01:00", "2024-12-31T22:00:00-05:30",
                "2025-01-01T00:00:00-00:00", "2026-11-27T01:06Z", "2026-11-27T01:06:00+0100", "2026-11-27T01:06:00z",
                "+12026-11-27T01:06:00Z", "2026-11-27T01:06:00.Z", "2026-11-27T01:06:00.1234567890Z");
        for (String time : times) {
            String json = recordJson(time);
            Object expected;
            try {
                expected = platformParse(json);
            } catch (Exception e) {
                expected = "fails";
            }
            Object actual;
            try {
                actual = events.parse(message(json));
            } catch (PoisonMessageException e) {
                actual = "fails";
            }
            assertThat(actual).as(time).isEqualTo(expected);
        }
    }

    @Test
    void invalidTimestampsInTheCommonFormAreRefusedAsJacksonRefusesThem() {
        for (String time : List.of("2023-02-29T10:00:00Z", "2026-13-01T10:00:00Z", "2026-11-27T24:00:00Z",
                "2026-11-27T01:60:00Z", "2026-11-27T01:06:00+19:00", "2026-11-2xT01:06:00Z")) {
            assertThatThrownBy(() -> platformParse(recordJson(time))).as(time).isInstanceOf(Exception.class);
            assertThatThrownBy(() -> events.parse(message(recordJson(time)))).as(time)
                    .isInstanceOf(PoisonMessageException.class);
        }
    }

    @Test
    void theFastPathReadsDateTimeOffsetAndFractionExactly() {
        assertThat(RecordEvents.FastOffsetDateTime.parse("2024-02-29T23:59:58.000123+05:45")).isEqualTo(
                OffsetDateTime.of(2024, 2, 29, 23, 59, 58, 123_000, ZoneOffset.ofHoursMinutes(5, 45)));
        assertThat(RecordEvents.FastOffsetDateTime.parse("1999-12-31T00:00:01.5-03:00")).isEqualTo(
                OffsetDateTime.of(1999, 12, 31, 0, 0, 1, 500_000_000, ZoneOffset.ofHours(-3)));
        assertThat(RecordEvents.FastOffsetDateTime.parse("2026-11-27T01:06Z")).isNull();
    }

    @Test
    void aRecordWrittenByTheEventsModuleReadsBackEqual() throws Exception {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("amount", new BigDecimal("19.90"));
        fields.put("customer", "ALFKI");
        fields.put("shipped", null);
        RecordChanged rc = new RecordChanged("orders", "10248|11", RecordOperation.UPSERT, "erp", 5,
                OffsetDateTime.of(2024, 3, 1, 9, 30, 0, 0, ZoneOffset.ofHours(2)), fields,
                OffsetDateTime.now(ZoneOffset.UTC));
        String json = JSON.writeValueAsString(CloudEvent.of(EventSources.INGEST_SERVICE, rc));

        CloudEvent<RecordChanged> read = events.parse(message(json));

        assertThat(read).isEqualTo(platformParse(json));
        assertThat(read.data().eventTime().toInstant()).isEqualTo(rc.eventTime().toInstant());
        assertThat(read.data().fields()).isEqualTo(fields);
    }

    @Test
    void unreadableMessagesArePoison() {
        assertThatThrownBy(() -> events.parse(message((String) null))).isInstanceOf(PoisonMessageException.class)
                .hasMessageContaining("pacer.records/0@42");
        assertThatThrownBy(() -> events.parse(message("{not json"))).isInstanceOf(PoisonMessageException.class);
        assertThatThrownBy(() -> events.parse(message("{\"specversion\":\"1.0\",\"id\":\"e\",\"source\":\"s\","
                + "\"type\":\"t\"}"))).isInstanceOf(PoisonMessageException.class).hasMessageContaining("without data");
        assertThatThrownBy(() -> events.parse(message(recordJson("2026-11-27T01:06:00Z")
                .replace("\"dataset\":\"orders\"", "\"dataset\":\" \"")))).isInstanceOf(PoisonMessageException.class)
                .hasMessageContaining("dataset");
    }

    /** What {@link RecordEvents#read} must give: the full parse, reduced. */
    private static RecordMessage viaFullParse(String json, java.util.Set<String> names) throws Exception {
        RecordChanged rc = platformParse(json).data();
        Map<String, String> time = new java.util.HashMap<>();
        if (rc.fields() != null) {
            names.stream().filter(rc.fields()::containsKey).forEach(n -> time.put(n,
                    rc.fields().get(n) == null ? null : rc.fields().get(n).toString()));
        }
        return new RecordMessage(rc.dataset(), rc.primaryKey(), rc.operation(), rc.sourceVersion(), rc.eventTime(),
                rc.fields() == null ? null : ByteBuffer.wrap(JSON.writeValueAsBytes(rc.fields())), time);
    }

    private static void assertSameMessage(RecordMessage actual, RecordMessage expected) throws Exception {
        assertThat(actual.dataset()).isEqualTo(expected.dataset());
        assertThat(actual.primaryKey()).isEqualTo(expected.primaryKey());
        assertThat(actual.operation()).isEqualTo(expected.operation());
        assertThat(actual.sourceVersion()).isEqualTo(expected.sourceVersion());
        assertThat(actual.eventTime() == null ? null : actual.eventTime().toInstant())
                .isEqualTo(expected.eventTime() == null ? null : expected.eventTime().toInstant());
        assertThat(actual.fieldsJson() == null ? null : JSON.readTree(text(actual.fieldsJson())))
                .isEqualTo(expected.fieldsJson() == null ? null : JSON.readTree(text(expected.fieldsJson())));
        assertThat(actual.timeFields()).isEqualTo(expected.timeFields());
    }

    @Test
    void theStreamingReadKeepsTheFieldsAsTheyArrivedAndNotesTheTimeFields() throws Exception {
        String json = recordJson("2026-11-27T01:06:00.123456Z").replace("\"x\":null",
                "\"x\":null,\"nested\":{\"a\":[1,{\"b\":\"}\"}]},\"quote\":\"say \\\"hi\\\" 中文\"");
        java.util.Set<String> names = java.util.Set.of("day", "x", "missing");

        ByteBuffer message = inside(utf8(json));
        RecordMessage fast = events.fastRead(message, names);

        assertThat(fast).as("the common form takes the streaming path").isNotNull();
        assertThat(message.position()).as("the message's buffer is left as it was").isZero();
        assertThat(message.remaining()).isEqualTo(utf8(json).length);
        assertThat(fast.fieldsJson().array()).as("the fields are a view of the message's bytes, not a copy")
                .isSameAs(message.array());
        assertThat(text(fast.fieldsJson())).startsWith("{\"amount\":12.50,")
                .endsWith("中文\"}");
        assertThat(fast.timeFields()).containsEntry("day", "2024-02-29").containsEntry("x", null)
                .doesNotContainKey("missing");
        assertSameMessage(fast, viaFullParse(json, names));
    }

    @Test
    void messagesOutsideTheCommonFormAreReadAsTheFullParseReadsThem() throws Exception {
        String base = recordJson("2026-11-27T01:06:00Z");
        java.util.Set<String> names = java.util.Set.of("day");
        List<String> odd = List.of(
                base.replace("\"sourceVersion\":3", "\"sourceVersion\":\"3\""),
                base.replace("\"eventTime\":\"2026-11-27T01:06:00Z\"", "\"eventTime\":\"2026-11-27T01:06Z\""),
                base.replace("\"eventTime\":\"2026-11-27T01:06:00Z\"", "\"eventTime\":null"),
                base.replace("{\"specversion\"", "{\"extension\":{\"deep\":[1,2]},\"specversion\""),
                base.replace("\"fields\":{", "\"fields\":{\"day\":\"2024-03-01\","),
                base.replace("\"operation\":\"UPSERT\"", "\"operation\":\"DELETE\"").replace(
                        "\"fields\":{\"amount\":12.50,\"n\":3,\"day\":\"2024-02-29\",\"x\":null}",
                        "\"fields\":null"));
        for (String json : odd) {
            assertSameMessage(events.read(message(json), names), viaFullParse(json, names));
        }
        assertThat(events.fastRead(inside(utf8(odd.get(0))), names)).as("a quoted number is left to the full parse").isNull();
    }

    @Test
    void fieldsThatAreNotUtf8AsPostgresqlTakesItArePoison() {
        String json = recordJson("2026-11-27T01:06:00Z").replace("\"x\":null", "\"x\":\"MARK\"");
        for (byte[] bad : List.of(new byte[] {(byte) 0xC3, 0x28}, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80})) {
            byte[] value = replace(utf8(json), utf8("MARK"), bad);
            assertThat(events.fastRead(inside(value), java.util.Set.of("day"))).isNull();
            assertThatThrownBy(() -> events.read(message(value), java.util.Set.of("day")))
                    .as(java.util.HexFormat.of().formatHex(bad)).isInstanceOf(PoisonMessageException.class);
        }
    }

    @Test
    void fieldsWithEscapesPostgresqlRefusesArePoison() {
        for (String escape : List.of("\\u0000", "\\uDC00", "a\\uD83Db")) {
            String json = recordJson("2026-11-27T01:06:00Z").replace("\"x\":null", "\"x\":\"" + escape + "\"");
            assertThat(events.fastRead(inside(utf8(json)), java.util.Set.of("day"))).as(escape).isNull();
            assertThatThrownBy(() -> events.read(message(json), java.util.Set.of("day"))).as(escape)
                    .isInstanceOf(PoisonMessageException.class);
        }
    }

    private static byte[] replace(byte[] in, byte[] marker, byte[] with) {
        String text = new String(in, StandardCharsets.ISO_8859_1);
        int at = text.indexOf(new String(marker, StandardCharsets.ISO_8859_1));
        byte[] out = new byte[in.length - marker.length + with.length];
        System.arraycopy(in, 0, out, 0, at);
        System.arraycopy(with, 0, out, at, with.length);
        System.arraycopy(in, at + marker.length, out, at + with.length, in.length - at - marker.length);
        return out;
    }

    @Test
    void whatTheFullParseRefusesTheStreamingReadRefusesToo() {
        String base = recordJson("2026-11-27T01:06:00Z");
        List<String> bad = List.of(
                base.replace("\"specversion\":\"1.0\"", "\"specversion\":\"0.3\""),
                base.replace("\"id\":\"e1\",", ""),
                base.replace("\"dataset\":\"orders\"", "\"dataset\":\"\""),
                base.replace("\"operation\":\"UPSERT\"", "\"operation\":\"MERGE\""),
                base.replace("\"fields\":{\"amount\":12.50,\"n\":3,\"day\":\"2024-02-29\",\"x\":null}",
                        "\"fields\":null"),
                base.replace("\"ingestedAt\":\"2026-11-27T01:06:00Z\"", "\"ingestedAt\":\"yesterday\""),
                base.substring(0, base.length() - 2));
        for (String json : bad) {
            assertThatThrownBy(() -> platformParse(json)).as(json).isInstanceOf(Exception.class);
            assertThatThrownBy(() -> events.read(message(json), java.util.Set.of("day"))).as(json)
                    .isInstanceOf(PoisonMessageException.class);
        }
    }
}
