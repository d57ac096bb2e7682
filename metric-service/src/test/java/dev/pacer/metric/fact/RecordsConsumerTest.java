package dev.pacer.metric.fact;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pacer.events.RecordOperation;
import dev.pacer.events.Topics;
import dev.pacer.metric.TestRecords;
import dev.pacer.testing.KafkaTestClient;
import dev.pacer.testing.PacerTestStack;
import dev.pacer.testing.Tokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The records consumer ({@link RecordsConsumer}) against the real broker and database: several batches in a row are
 * all stored, each record once, text as sent, and the records that can never be applied — not JSON, for an unknown
 * dataset, with an unreadable event date, with fields that are not UTF-8 — go to the dead-letter topic
 * alone.
 */
@QuarkusTest
@PacerTestStack
class RecordsConsumerTest {
    private static final String STEWARD = Tokens.withRole("steward", "finance");
    private static final String NOTE = "Zoë 中文 😀 \"quoted\" \\ back\\slash, tab\t";

    @Inject
    ObjectMapper json;
    @Inject
    AgroalDataSource dataSource;

    @Test
    void batchesInARowAreStoredOnceAndPoisonRecordsAreDeadLetteredAlone() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String dataset = "consumer_" + run;
        given().auth().oauth2(STEWARD).contentType("application/json").body(Map.of("key", dataset, "definition",
                Map.of("name", "Readings", "description", "Readings by day",
                        "fields", List.of(
                                Map.of("name", "id", "type", "STRING", "required", true),
                                Map.of("name", "day", "type", "DATE", "required", true),
                                Map.of("name", "amount", "type", "DECIMAL", "required", false)),
                        "primaryKey", List.of("id"), "eventTimeField", "day", "ownerDepartment", "finance",
                        "sourceSystem", "test"))).post("/datasets").then().statusCode(201);

        String notJson = "not-json-" + run;
        String unknown = "unknown-" + run;
        String badDate = "bad-date-" + run;
        String brokenUtf8 = "broken-utf8-" + run;
        String surrogate = "surrogate-" + run;
        String nul = "nul-" + run;
        String text = "text-" + run;
        int good = 0;
        for (int round = 0; round < 3; round++) {
            List<Map.Entry<String, String>> records = new ArrayList<>();
            for (int i = 0; i < 700; i++) {
                records.add(reading(dataset, "r" + good++, "2024-0" + (round + 1) + "-1" + (i % 9)));
            }
            if (round == 1) {
                records.add(Map.entry(notJson, "{ this is not JSON"));
                records.add(reading("no_such_dataset_" + run, unknown, "2024-02-02"));
                records.add(reading(dataset, badDate, "2024-13-45"));
            }
            KafkaTestClient.sendAll(Topics.RECORDS, records);
            if (round == 1) {
                // fields that are not UTF-8 as PostgreSQL takes it: a broken sequence, an encoded surrogate
                KafkaTestClient.sendBytes(Topics.RECORDS, brokenUtf8, withBytes(reading(dataset, brokenUtf8,
                        "2024-02-03", "BROKEN"), "BROKEN", 0xC3, 0x28));
                KafkaTestClient.sendBytes(Topics.RECORDS, surrogate, withBytes(reading(dataset, surrogate,
                        "2024-02-03", "SURROGATE"), "SURROGATE", 0xED, 0xA0, 0x80));
                // valid JSON and UTF-8 that jsonb refuses: a \u0000 escape (Jackson writes U+0000 so)
                KafkaTestClient.sendAll(Topics.RECORDS, List.of(reading(dataset, nul, "2024-02-03", "a\u0000b"),
                        reading(dataset, text, "2024-02-04", NOTE)));
                good++;
            }
        }
        KafkaTestClient.awaitConsumed("metric-service", Topics.RECORDS, Duration.ofSeconds(120));

        assertThat(count("select count(*) from fact where dataset = ?", dataset)).isEqualTo(good);
        assertThat(count("select count(distinct pk) from fact where dataset = ?", dataset)).isEqualTo(good);
        assertThat(text("select fields ->> 'note' from fact where dataset = ? and pk = '" + text + "'", dataset))
                .as("text in every UTF-8 length, quotes and backslashes stored as sent").isEqualTo(NOTE);
        Set<String> wanted = Set.of(notJson, unknown, badDate, brokenUtf8, surrogate, nul);
        List<String> dead = KafkaTestClient.poll(Topics.deadLetter(Topics.RECORDS),
                        seen -> seen.stream().map(r -> keyOf(r.key(), r.value())).collect(Collectors.toSet())
                                .containsAll(wanted), Duration.ofSeconds(60))
                .stream().map(r -> keyOf(r.key(), r.value())).filter(k -> k.contains(run)).toList();
        assertThat(dead).as("each poison record dead-lettered once").containsExactlyInAnyOrderElementsOf(wanted);
    }

    private Map.Entry<String, String> reading(String dataset, String id, String day) {
        return reading(dataset, id, day, null);
    }

    private Map.Entry<String, String> reading(String dataset, String id, String day, String note) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("id", id);
        fields.put("day", day);
        fields.put("amount", 1);
        if (note != null) {
            fields.put("note", note);
        }
        return TestRecords.message(json, dataset, id, RecordOperation.UPSERT, "test", 1, fields);
    }

    /** The message's bytes with {@code marker} (in a field's text) replaced by the given bytes. */
    private static byte[] withBytes(Map.Entry<String, String> message, String marker, int... bytes) {
        String value = message.getValue();
        int at = value.indexOf(marker);
        byte[] before = value.substring(0, at).getBytes(StandardCharsets.UTF_8);
        byte[] after = value.substring(at + marker.length()).getBytes(StandardCharsets.UTF_8);
        byte[] out = Arrays.copyOf(before, before.length + bytes.length + after.length);
        for (int i = 0; i < bytes.length; i++) {
            out[before.length + i] = (byte) bytes[i];
        }
        System.arraycopy(after, 0, out, before.length + bytes.length, after.length);
        return out;
    }

    private String text(String sql, String param) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, param);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /** The record's own id: the key for the one that is not JSON, else its primary key. */
    private String keyOf(String key, String value) {
        if (key != null && key.startsWith("not-json-")) {
            return key;
        }
        try {
            return json.readTree(value).path("data").path("primaryKey").asText(key);
        } catch (Exception e) {
            return String.valueOf(key);
        }
    }

    private long count(String sql, String param) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, param);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
