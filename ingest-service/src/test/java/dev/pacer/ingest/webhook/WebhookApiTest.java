package dev.pacer.ingest.webhook;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pacer.events.Topics;
import dev.pacer.ingest.SourceClient;
import dev.pacer.ingest.TestCatalog;
import dev.pacer.ingest.TopicReader;
import dev.pacer.ingest.catalog.DatasetSchemas;
import dev.pacer.testing.PacerTestStack;
import dev.pacer.testing.TestClock;
import dev.pacer.testing.Tokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A SaaS system delivering signed order-line events to a WEBHOOK source over real HTTP. */
@QuarkusTest
@PacerTestStack
class WebhookApiTest {
    private static final String STEWARD = Tokens.withRole("steward", "sales");
    private static final String SECRET = "whsec_" + UUID.randomUUID();
    private static final String EVENT = """
            {"event": "order.updated", "order": {"id": 10248, "customer": {"code": "VINET"}, "date": "1996-07-04"},
             "product_id": 11, "unit_price": 14.00, "quantity": 12, "extra": {"ignored": true}}""";

    @Inject
    ObjectMapper json;
    @Inject
    DatasetSchemas schemas;
    @Inject
    TestClock clock;
    @Inject
    AgroalDataSource dataSource;

    private String dataset;
    private String sourceId;

    @BeforeEach
    void createSource() {
        dataset = TestCatalog.defineOrderLines(json, schemas);
        sourceId = new SourceClient(STEWARD).create(webhookSource(SECRET));
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private Map<String, Object> webhookSource(String secret) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "shop webhook " + UUID.randomUUID());
        body.put("dataset", dataset);
        body.put("department", "sales");
        body.put("sourceSystem", "shop");
        body.put("kind", "WEBHOOK");
        body.put("webhook", secret == null ? Map.of() : Map.of("signingSecret", secret));
        body.put("mapping", Map.of("order_id", "order.id", "customer_id", "order.customer.code",
                "order_date", "order.date"));
        return body;
    }

    /** The sender's side: HMAC-SHA256 of timestamp + "." + body, written here independently of the service. */
    private static String signature(String secret, String timestamp, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body)
                .getBytes(StandardCharsets.UTF_8)));
    }

    private String now() {
        return Long.toString(clock.instant().getEpochSecond());
    }

    private ValidatableResponse deliver(String id, String contentType, String body, String timestamp,
            String signature, String deliveryId) {
        var request = given().contentType(contentType).body(body.getBytes(StandardCharsets.UTF_8));
        if (timestamp != null) {
            request.header(WebhookSignature.TIMESTAMP_HEADER, timestamp);
        }
        if (signature != null) {
            request.header(WebhookSignature.SIGNATURE_HEADER, signature);
        }
        if (deliveryId != null) {
            request.header(WebhookSignature.DELIVERY_HEADER, deliveryId);
        }
        return request.post("/webhooks/" + id).then();
    }

    private ValidatableResponse deliverSigned(String contentType, String body, String deliveryId) throws Exception {
        String ts = now();
        return deliver(sourceId, contentType, body, ts, signature(SECRET, ts, body), deliveryId);
    }

    /** The records of the dataset on pacer.records, by primary key (each published once is checked). */
    private Map<String, JsonNode> published() throws Exception {
        Map<String, JsonNode> records = new TreeMap<>();
        int count = 0;
        for (ConsumerRecord<String, String> r : TopicReader.readToEnd(Topics.RECORDS)) {
            if (r.key().startsWith(dataset + ":")) {
                JsonNode data = json.readTree(r.value()).path("data");
                records.put(data.path("primaryKey").asText(), data);
                count++;
            }
        }
        assertThat(count).as("records published once each").isEqualTo(records.size());
        return records;
    }

    @Test
    void theSigningSecretIsWriteOnlyAndStoredEncrypted() throws Exception {
        given().auth().oauth2(STEWARD).get("/sources/" + sourceId).then().statusCode(200)
                .body("kind", equalTo("WEBHOOK")).body("jdbc", nullValue())
                .body("webhook.endpoint", equalTo("/webhooks/" + sourceId))
                .body("webhook.signingSecretSet", equalTo(true)).body("webhook", not(hasKey("signingSecret")));
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select secret from ingest.source where id = ?")) {
            ps.setObject(1, UUID.fromString(sourceId));
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isNotBlank().doesNotContain(SECRET);
            }
        }
    }

    @Test
    void aSignedEventIsMappedPublishedAndAnswered() throws Exception {
        deliverSigned("application/json", EVENT, null).statusCode(200)
                .body("dataset", equalTo(dataset)).body("sourceSystem", equalTo("shop"))
                .body("accepted", equalTo(1)).body("rejected", equalTo(0));
        JsonNode record = published().get("10248|11");
        assertThat(record).isNotNull();
        assertThat(record.path("sourceSystem").asText()).isEqualTo("shop");
        assertThat(record.path("fields").path("customer_id").asText()).isEqualTo("VINET");
        assertThat(record.path("fields").path("order_date").asText()).isEqualTo("1996-07-04");
        assertThat(record.path("fields").path("unit_price").decimalValue()).isEqualByComparingTo("14");
        assertThat(record.path("fields").has("extra")).isFalse();
    }

    @Test
    void expressionsInTheMappingComputeFieldsOfEachDelivery() throws Exception {
        Map<String, Object> body = webhookSource(SECRET);
        body.put("mapping", Map.of("order_id", "order.id", "customer_id", "=upper(trim(order.customer.code))",
                "order_date", "=date(order.placed, 'dd.MM.yyyy')", "unit_price", "=round(order.gross / order.qty, 2)",
                "quantity", "=order.qty", "gift", "=order.gross > 100"));
        String id = new SourceClient(STEWARD).create(body);
        String events = "[{\"order\": {\"id\": 10248, \"customer\": {\"code\": \" vinet \"}, \"placed\": "
                + "\"04.07.1996\", \"gross\": 168.00, \"qty\": 12}, \"product_id\": 11}, "
                + "{\"order\": {\"id\": 10248, \"customer\": {\"code\": \"VINET\"}, \"placed\": \"04.07.1996\", "
                + "\"gross\": 98, \"qty\": 0}, \"product_id\": 42}]";
        String ts = now();
        deliver(id, "application/json", events, ts, signature(SECRET, ts, events), null).statusCode(200)
                .body("accepted", equalTo(1)).body("rejected", equalTo(1))
                .body("rejections[0].primaryKey", equalTo("10248|42"))
                .body("rejections[0].reason", equalTo("field 'unit_price' could not be computed: division by zero "
                        + "('order.qty' is 0); divide by nullif(…, 0) to get no value instead"));
        JsonNode fields = published().get("10248|11").path("fields");
        assertThat(fields.path("customer_id").asText()).isEqualTo("VINET");
        assertThat(fields.path("order_date").asText()).isEqualTo("1996-07-04");
        assertThat(fields.path("unit_price").decimalValue()).isEqualByComparingTo("14.00");
        assertThat(fields.path("quantity").asLong()).isEqualTo(12);
        assertThat(fields.path("gift").asBoolean()).isTrue();
    }

    @Test
    void arraysAndNdjsonWorkAndRefusedRecordsAreReported() throws Exception {
        String array = "[" + EVENT + ", {\"order\": {\"id\": 10248, \"customer\": {\"code\": \"VINET\"}, "
                + "\"date\": \"1996-07-04\"}, \"product_id\": 42, \"unit_price\": \"9.80\", \"quantity\": 10}]";
        deliverSigned("application/json", array, null).statusCode(200)
                .body("accepted", equalTo(1)).body("rejected", equalTo(1))
                .body("rejections[0].index", equalTo(1)).body("rejections[0].primaryKey", equalTo("10248|42"))
                .body("rejections[0].reason", containsString("field 'unit_price' must be a decimal number"));

        String ndjson = "{\"order\": {\"id\": 10249, \"customer\": {\"code\": \"TOMSP\"}, \"date\": \"1996-07-05\"}, "
                + "\"product_id\": 14, \"unit_price\": 18.6, \"quantity\": 9}\n"
                + "{\"order\": {\"id\": 10249, \"customer\": {\"code\": \"TOMSP\"}, \"date\": \"1996-07-05\"}, "
                + "\"product_id\": 51, \"unit_price\": 42.4, \"quantity\": 40}\n";
        deliverSigned("application/x-ndjson", ndjson, null).statusCode(200).body("accepted", equalTo(2));
        assertThat(published().keySet()).containsExactly("10248|11", "10249|14", "10249|51");

        deliverSigned("application/json", "{\"order\": ", null).statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void aRetriedDeliveryPublishesNothingTwice() throws Exception {
        String delivery = "evt_" + UUID.randomUUID();
        String first = deliverSigned("application/json", EVENT, delivery).statusCode(200)
                .body("accepted", equalTo(1)).extract().asString();
        clock.advance(Duration.ofMinutes(1));
        String again = deliverSigned("application/json", EVENT, delivery).statusCode(200)
                .header("Idempotent-Replayed", "true").extract().asString();
        assertThat(json.readTree(again)).isEqualTo(json.readTree(first));
        assertThat(published()).hasSize(1);

        deliverSigned("application/json", EVENT.replace("\"quantity\": 12", "\"quantity\": 13"), delivery)
                .statusCode(422).contentType("application/problem+json");
        deliverSigned("application/json", EVENT, "bad id with spaces").statusCode(400)
                .body("errors[0].field", equalTo(WebhookSignature.DELIVERY_HEADER));
    }

    @Test
    void unsignedWronglySignedOrStaleDeliveriesAreRefusedAndPublishNothing() throws Exception {
        String ts = now();
        deliver(sourceId, "application/json", EVENT, null, null, null).statusCode(401)
                .contentType("application/problem+json").body("detail", containsString("header is missing"));
        deliver(sourceId, "application/json", EVENT, ts, signature("whsec_not-the-secret-x", ts, EVENT), null)
                .statusCode(401).body("detail", containsString("does not match"));
        // a body changed after signing
        deliver(sourceId, "application/json", EVENT.replace("10248", "10250"), ts, signature(SECRET, ts, EVENT), null)
                .statusCode(401);

        String signedEarlier = now();
        String sig = signature(SECRET, signedEarlier, EVENT);
        clock.advance(Duration.ofMinutes(6));
        // a captured delivery replayed after 6 minutes
        deliver(sourceId, "application/json", EVENT, signedEarlier, sig, null).statusCode(401)
                .body("detail", containsString("more than 5 minutes"));
        assertThat(published()).isEmpty();
    }

    @Test
    void pausedUnknownAndNonWebhookSourcesAreRefused() throws Exception {
        given().auth().oauth2(STEWARD).post("/sources/" + sourceId + "/pause").then().statusCode(200);
        deliverSigned("application/json", EVENT, null).statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("paused"));
        given().auth().oauth2(STEWARD).post("/sources/" + sourceId + "/resume").then().statusCode(200);
        deliverSigned("application/json", EVENT, null).statusCode(200);

        String ts = now();
        deliver(UUID.randomUUID().toString(), "application/json", EVENT, ts, signature(SECRET, ts, EVENT), null)
                .statusCode(404).contentType("application/problem+json");

        Map<String, Object> jdbc = SourceClient.jdbcSource("jdbc " + UUID.randomUUID(), dataset,
                SourceClient.jdbc("jdbc:postgresql://127.0.0.1:5432/pacer_test", "postgres", "x",
                        "select 1 as order_id", "FULL_REFRESH"));
        String jdbcId = new SourceClient(STEWARD).create(jdbc);
        deliver(jdbcId, "application/json", EVENT, ts, signature(SECRET, ts, EVENT), null).statusCode(404);

        given().auth().oauth2(STEWARD).post("/sources/" + sourceId + "/runs").then().statusCode(409)
                .body("detail", containsString("WEBHOOK"));
        given().auth().oauth2(STEWARD).header("If-Match", "\"1\"").post("/sources/" + sourceId + "/rewind").then()
                .statusCode(409).body("detail", containsString("WEBHOOK"));
        assertThat(published()).hasSize(1);
    }

    @Test
    void webhookSourcesAreCheckedWhenCreated() {
        given().auth().oauth2(STEWARD).contentType("application/json").body(webhookSource(null)).post("/sources")
                .then().statusCode(400).body("errors[0].field", equalTo("webhook.signingSecret"));
        given().auth().oauth2(STEWARD).contentType("application/json").body(webhookSource("short")).post("/sources")
                .then().statusCode(400).body("errors[0].field", containsString("signingSecret"));
        Map<String, Object> scheduled = webhookSource(SECRET);
        scheduled.put("schedule", "0 0/15 * * * ?");
        given().auth().oauth2(STEWARD).contentType("application/json").body(scheduled).post("/sources")
                .then().statusCode(400).body("errors[0].field", equalTo("schedule"));
        Map<String, Object> badPath = webhookSource(SECRET);
        badPath.put("mapping", Map.of("order_id", "order..id"));
        given().auth().oauth2(STEWARD).contentType("application/json").body(badPath).post("/sources")
                .then().statusCode(400).body("errors[0].field", equalTo("mapping.order_id"));
        Map<String, Object> badExpression = webhookSource(SECRET);
        badExpression.put("mapping", Map.of("order_id", "=order.id +", "customer_id", "=upper(order.lines[x])"));
        given().auth().oauth2(STEWARD).contentType("application/json").body(badExpression).post("/sources")
                .then().statusCode(400)
                .body("errors.field", org.hamcrest.Matchers.containsInAnyOrder("mapping.order_id", "mapping.customer_id"))
                .body("errors.message", org.hamcrest.Matchers.hasItem(containsString("ends too early")))
                .body("errors.message", org.hamcrest.Matchers.hasItem(containsString("path index")));
        Map<String, Object> noKind = webhookSource(SECRET);
        noKind.put("kind", "FTP");
        given().auth().oauth2(STEWARD).contentType("application/json").body(noKind).post("/sources")
                .then().statusCode(400).body("errors.field", org.hamcrest.Matchers.hasItem("kind"));
    }

    @Test
    void theEndpointIsDocumentedWithoutJwt() {
        String openapi = given().accept("application/json").get("/q/openapi").then().statusCode(200).extract()
                .asString();
        var path = given().accept("application/json").get("/q/openapi").then().extract().jsonPath();
        // [{}]: the one requirement that requires nothing (no JWT)
        List<Map> security = path.getList("paths.'/webhooks/{sourceId}'.post.security", Map.class);
        assertThat(security).as("security of the operation").hasSize(1);
        assertThat(security.get(0)).isEmpty();
        assertThat(path.getList("security")).as("none for all operations either").isNullOrEmpty();
        assertThat(path.getList("paths.'/sources'.post.security")).as("the JWT endpoints do have one").isNotEmpty();
        assertThat(openapi).contains("X-Pacer-Signature");
        assertThat(path.getMap("paths.'/webhooks/{sourceId}'.post.responses")).containsKeys("200", "401", "404",
                "409");
    }
}
