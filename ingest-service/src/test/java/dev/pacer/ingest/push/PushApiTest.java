package dev.pacer.ingest.push;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import dev.pacer.events.Topics;
import dev.pacer.ingest.TestCatalog;
import dev.pacer.ingest.TopicReader;
import dev.pacer.ingest.catalog.DatasetSchemas;
import dev.pacer.testing.KafkaTestClient;
import dev.pacer.testing.PacerTestStack;
import dev.pacer.testing.Tokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@PacerTestStack
class PushApiTest {
    private static final String INTEGRATION = Tokens.withRole("integration");
    private static final String NDJSON = "application/x-ndjson";

    @Inject
    ObjectMapper json;
    @Inject
    DatasetSchemas schemas;
    @Inject
    AgroalDataSource dataSource;

    private String dataset;

    @BeforeEach
    void defineDataset() {
        dataset = TestCatalog.defineOrderLines(json, schemas);
    }

    private static String line(int order, int product, String price, String extra) {
        return "{\"order_id\": " + order + ", \"product_id\": " + product + ", \"customer_id\": \"VINET\", "
                + "\"order_date\": \"1996-07-04\", \"unit_price\": " + price + ", \"quantity\": 12" + extra + "}";
    }

    private ValidatableResponse push(String token, String contentType, String body, String idempotencyKey) {
        var request = given().contentType(contentType).body(body.getBytes(StandardCharsets.UTF_8));
        if (token != null) {
            request = request.auth().oauth2(token);
        }
        if (idempotencyKey != null) {
            request = request.header("Idempotency-Key", idempotencyKey);
        }
        return request.post("/ingest/" + dataset).then();
    }

    private List<ConsumerRecord<String, String>> awaitRecords(int count) {
        List<ConsumerRecord<String, String>> all = KafkaTestClient.poll(Topics.RECORDS,
                rs -> mine(rs).size() >= count, Duration.ofSeconds(30));
        return mine(all);
    }

    private List<ConsumerRecord<String, String>> mine(List<ConsumerRecord<String, String>> records) {
        return records.stream().filter(r -> r.key().startsWith(dataset + ":")).toList();
    }

    private JsonNode data(ConsumerRecord<String, String> r) throws Exception {
        // exact decimals: big decimals for floats, and no trailing zeros stripped (14.00 stays 14.00)
        return json.copy().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false).readTree(r.value());
    }

    private List<List<String>> rejections() throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select record_index, primary_key, payload, reason, source from rejection where dataset = ? "
                        + "order by record_index")) {
            ps.setString(1, dataset);
            try (ResultSet rs = ps.executeQuery()) {
                List<List<String>> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(List.of(rs.getString(1), String.valueOf(rs.getString(2)), rs.getString(3), rs.getString(4),
                            rs.getString(5)));
                }
                return rows;
            }
        }
    }

    private int idempotencyEntries(String key) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select count(*) from idempotency_key where key = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    @Test
    void goodRecordsArePublishedExactlyAndBadOnesAreRejectedWithTheirReason() throws Exception {
        String body = "[\n"
                + line(10248, 11, "14.00", ", \"discount\": 0.15, \"shipped_at\": \"1996-07-16T10:00:00+02:00\"") + ",\n"
                + line(10248, 42, "\"9.80\"", "") + ",\n"
                + line(10248, 72, "34.80", ", \"gift\": true") + ",\n"
                + "{\"_op\": \"delete\", \"order_id\": 10249, \"product_id\": 14}\n]";

        push(INTEGRATION, "application/json", body, null).statusCode(200)
                .body("dataset", equalTo(dataset))
                .body("sourceSystem", equalTo("northwind-erp"))
                .body("accepted", equalTo(3))
                .body("rejected", equalTo(1))
                .body("rejections[0].index", equalTo(1))
                .body("rejections[0].primaryKey", equalTo("10248|42"))
                .body("rejections[0].reason",
                        equalTo("field 'unit_price' must be a decimal number, not the string \"9.80\""));

        List<ConsumerRecord<String, String>> records = awaitRecords(3);
        assertThat(records).extracting(ConsumerRecord::key).containsExactlyInAnyOrder(
                dataset + ":10248|11", dataset + ":10248|72", dataset + ":10249|14");
        ConsumerRecord<String, String> first = records.stream()
                .filter(r -> r.key().endsWith(":10248|11")).findFirst().orElseThrow();
        JsonNode event = data(first);
        assertThat(event.get("type").asText()).isEqualTo("dev.pacer.record.changed.v1");
        assertThat(event.get("source").asText()).isEqualTo("/ingest-service");
        JsonNode d = event.get("data");
        assertThat(d.get("dataset").asText()).isEqualTo(dataset);
        assertThat(d.get("primaryKey").asText()).isEqualTo("10248|11");
        assertThat(d.get("operation").asText()).isEqualTo("UPSERT");
        assertThat(d.get("sourceSystem").asText()).isEqualTo("northwind-erp");
        assertThat(d.at("/fields/unit_price").decimalValue()).isEqualTo(new BigDecimal("14.00"));
        assertThat(d.at("/fields/discount").decimalValue()).isEqualTo(new BigDecimal("0.15"));
        assertThat(first.value()).contains("\"unit_price\":14.00,").contains("\"discount\":0.15");
        assertThat(d.at("/fields/order_id").isIntegralNumber()).isTrue();
        assertThat(d.at("/fields/order_date").asText()).isEqualTo("1996-07-04");
        assertThat(OffsetDateTime.parse(d.at("/fields/shipped_at").asText()).toInstant())
                .isEqualTo(OffsetDateTime.parse("1996-07-16T08:00:00Z").toInstant());
        assertThat(OffsetDateTime.parse(d.get("eventTime").asText()).toInstant())
                .isEqualTo(OffsetDateTime.parse("1996-07-04T00:00:00Z").toInstant());
        JsonNode delete = data(records.stream().filter(r -> r.key().endsWith(":10249|14")).findFirst().orElseThrow());
        assertThat(delete.at("/data/operation").asText()).isEqualTo("DELETE");
        assertThat(delete.at("/data/fields").isNull()).isTrue();

        assertThat(rejections()).singleElement().satisfies(row -> {
            assertThat(row.get(0)).isEqualTo("1");
            assertThat(row.get(1)).isEqualTo("10248|42");
            assertThat(row.get(2)).contains("\"unit_price\":\"9.80\"");
            assertThat(row.get(3)).contains("unit_price");
            assertThat(row.get(4)).isEqualTo("push");
        });
    }

    @Test
    void ndjsonWorksWithTheGivenSourceSystemAndVersion() throws Exception {
        String body = line(1, 1, "1.50", "") + "\n\n" + line(1, 2, "2.25", "") + "\n";

        given().auth().oauth2(INTEGRATION).contentType(NDJSON).body(body.getBytes(StandardCharsets.UTF_8))
                .queryParam("sourceSystem", "erp-eu").queryParam("sourceVersion", 42)
                .post("/ingest/" + dataset).then().statusCode(200)
                .body("accepted", equalTo(2)).body("rejected", equalTo(0))
                .body("sourceSystem", equalTo("erp-eu")).body("sourceVersion", equalTo(42));

        List<ConsumerRecord<String, String>> records = awaitRecords(2);
        for (ConsumerRecord<String, String> r : records) {
            assertThat(data(r).at("/data/sourceSystem").asText()).isEqualTo("erp-eu");
            assertThat(data(r).at("/data/sourceVersion").asLong()).isEqualTo(42L);
        }
        assertThat(records).extracting(r -> data(r).at("/data/fields/unit_price").decimalValue())
                .containsExactlyInAnyOrder(new BigDecimal("1.50"), new BigDecimal("2.25"));
    }

    @Test
    void withoutASourceVersionTheTimeOfThePushIsUsedInEpochMicros() {
        long before = System.currentTimeMillis() * 1000;
        long version = push(INTEGRATION, "application/json", "[" + line(1, 1, "1", "") + "]", null).statusCode(200)
                .extract().jsonPath().getLong("sourceVersion");
        assertThat(version).isBetween(before, System.currentTimeMillis() * 1000 + 1000);
    }

    @Test
    void repeatingARequestWithTheSameIdempotencyKeyPublishesNothingNew() throws Exception {
        String key = UUID.randomUUID().toString();
        String body = "[" + line(7, 1, "3.00", "") + ", " + line(7, 2, "\"x\"", "") + "]";
        String first = push(INTEGRATION, "application/json", body, key).statusCode(200)
                .header(PushResource.REPLAYED, nullValue())
                .body("accepted", equalTo(1)).extract().asString();
        awaitRecords(1);
        int published = mine(TopicReader.readToEnd(Topics.RECORDS)).size();

        String again = push(INTEGRATION, "application/json", body, key).statusCode(200)
                .header(PushResource.REPLAYED, equalTo("true")).extract().asString();

        assertThat(json.readTree(again)).isEqualTo(json.readTree(first));
        assertThat(mine(TopicReader.readToEnd(Topics.RECORDS))).hasSize(published);
        assertThat(rejections()).hasSize(1);
    }

    @Test
    void theSameIdempotencyKeyWithADifferentBodyIs422() {
        String key = UUID.randomUUID().toString();
        push(INTEGRATION, "application/json", "[" + line(8, 1, "1", "") + "]", key).statusCode(200);
        push(INTEGRATION, "application/json", "[" + line(8, 1, "2", "") + "]", key).statusCode(422)
                .contentType(containsString("application/problem+json"))
                .body("type", equalTo("https://pacer.dev/problems/idempotency-key-reused"));
    }

    @Test
    void whenKafkaFailsTheAnswerIs503AndTheKeyStaysFreeForTheRetry() throws Exception {
        MockProducer<String, String> broken = new MockProducer<>(true, null, new StringSerializer(),
                new StringSerializer());
        broken.sendException = new KafkaException("broker unreachable");
        QuarkusMock.installMockForType(new RecordPublisher(broken, json, Duration.ofSeconds(1)), RecordPublisher.class);
        String key = UUID.randomUUID().toString();

        push(INTEGRATION, "application/json", "[" + line(9, 1, "1", "") + ", {\"bad\": true}]", key).statusCode(503)
                .header("Retry-After", "5")
                .contentType(containsString("application/problem+json"))
                .body("type", equalTo("https://pacer.dev/problems/records-not-stored"));

        assertThat(idempotencyEntries(key)).isZero();
        assertThat(rejections()).isEmpty();
        assertThat(mine(TopicReader.readToEnd(Topics.RECORDS))).isEmpty();
    }

    @Test
    void onlyIntegrationsAndAdminsMayPush() {
        String body = "[" + line(1, 1, "1", "") + "]";
        push(null, "application/json", body, null).statusCode(401);
        push(Tokens.withRole("viewer", "sales"), "application/json", body, null).statusCode(403)
                .contentType(containsString("application/problem+json"));
        push(Tokens.withRole("steward", "sales"), "application/json", body, null).statusCode(403);
        push(Tokens.admin(), "application/json", body, null).statusCode(200).body("accepted", equalTo(1));
    }

    @Test
    void anUnknownDatasetIs404() {
        given().auth().oauth2(INTEGRATION).contentType("application/json").body("[]")
                .post("/ingest/no_such_dataset_" + UUID.randomUUID().toString().substring(0, 8)).then()
                .statusCode(404).contentType(containsString("application/problem+json"))
                .body("detail", containsString("not in the catalog"));
    }

    @Test
    void malformedInputIs400NamingTheLine() {
        push(INTEGRATION, NDJSON, line(1, 1, "1", "") + "\n{\"order_id\": 2,,}\n", null).statusCode(400)
                .contentType(containsString("application/problem+json"))
                .body("detail", containsString("Line 2"));
        push(INTEGRATION, "application/json", "[\n" + line(1, 1, "1", "") + ",\n{oops}\n]", null).statusCode(400)
                .body("detail", containsString("Line 3"));
        given().auth().oauth2(INTEGRATION).contentType("application/json").body("[]")
                .queryParam("sourceVersion", "yesterday").post("/ingest/" + dataset).then().statusCode(400)
                .body("errors[0].field", equalTo("sourceVersion"));
    }

    @Test
    void moreRecordsThanTheLimitIs413() {
        String body = "{}\n".repeat(10_001);
        push(INTEGRATION, NDJSON, body, null).statusCode(413)
                .contentType(containsString("application/problem+json"))
                .body("detail", containsString("10000"));
    }

    @Test
    void anotherContentTypeIs415() {
        push(INTEGRATION, "text/csv", "order_id\n1\n", null).statusCode(415);
    }

    @Test
    void theAnswerListsEveryRejectionWithItsIndex() {
        String body = "[" + line(3, 1, "1", "") + ", \"nope\", " + line(3, 2, "1", ", \"colour\": \"red\"") + "]";
        push(INTEGRATION, "application/json", body, null).statusCode(200)
                .body("accepted", equalTo(1)).body("rejected", equalTo(2))
                .body("rejections.index", equalTo(List.of(1, 2)))
                .body("rejections[0].primaryKey", nullValue())
                .body("rejections[1].primaryKey", equalTo("3|2"))
                .body("rejections[1].reason", equalTo("unknown field 'colour'"));
    }

    @Test
    void aRecordWithTextNoDatabaseCanHoldIsRejectedAloneNotItsBatch() {
        String bad = "{\"order_id\": 5, \"product_id\": 2, \"customer_id\": \"VI\\u0000NET\", "
                + "\"order_date\": \"1996-07-04\", \"unit_price\": 1, \"quantity\": 12}";
        push(INTEGRATION, "application/json", "[" + line(5, 1, "1", "") + ", " + bad + "]", null).statusCode(200)
                .body("accepted", equalTo(1)).body("rejected", equalTo(1))
                .body("rejections[0].index", equalTo(1))
                .body("rejections[0].primaryKey", equalTo("5|2"))
                .body("rejections[0].reason", containsString("U+0000"));
    }
}
