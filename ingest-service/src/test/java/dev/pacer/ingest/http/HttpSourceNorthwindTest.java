package dev.pacer.ingest.http;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import dev.pacer.events.Topics;
import dev.pacer.ingest.SourceClient;
import dev.pacer.ingest.TestCatalog;
import dev.pacer.ingest.TopicReader;
import dev.pacer.ingest.catalog.DatasetSchemas;
import dev.pacer.ingest.source.SourceScheduler;
import dev.pacer.testing.PacerTestStack;
import dev.pacer.testing.TestClock;
import dev.pacer.testing.Tokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Northwind's order lines behind a real paginated JSON API (a JDK HTTP server serving orders_flat.csv as nested
 * objects), pulled by HTTP sources onto pacer.records through the real service, PostgreSQL and Kafka.
 */
@QuarkusTest
@PacerTestStack
class HttpSourceNorthwindTest {
    private static final String STEWARD = Tokens.withRole("steward", "sales");
    private static final String TOKEN = "crm-" + UUID.randomUUID();
    private static final int ORDER_LINES = 2155;
    /** Dataset field → path in the API's nested order line. */
    private static final Map<String, String> MAPPING = Map.of("order_id", "order.id",
            "customer_id", "order.customer.code", "order_date", "order.date", "product_id", "line.product.id",
            "unit_price", "line.unit_price", "quantity", "line.quantity", "discount", "line.discount");

    private static OrdersApi api;

    @Inject
    ObjectMapper json;
    @Inject
    DatasetSchemas schemas;
    @Inject
    AgroalDataSource dataSource;
    @Inject
    TestClock clock;
    @Inject
    SourceScheduler scheduler;

    private final SourceClient sources = new SourceClient(STEWARD);

    @BeforeAll
    static void startApi() {
        api = new OrdersApi(TOKEN);
    }

    @AfterAll
    static void stopApi() {
        api.close();
    }

    @AfterEach
    void reset() {
        clock.reset();
        api.reset();
    }

    /** An HTTP source body over an endpoint of the API; change what a test needs with {@link Map#put}. */
    private static Map<String, Object> httpSource(String dataset, String endpoint, String recordsPath,
            Map<String, Object> pagination) {
        Map<String, Object> http = new LinkedHashMap<>();
        http.put("url", api.url(endpoint));
        http.put("authValue", "Bearer " + TOKEN);
        http.put("recordsPath", recordsPath);
        http.put("pagination", pagination);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "crm " + endpoint + " " + UUID.randomUUID());
        body.put("dataset", dataset);
        body.put("department", "sales");
        body.put("kind", "HTTP");
        body.put("http", http);
        body.put("mapping", MAPPING);
        return body;
    }

    private static Map<String, Object> pagination(Object... pairs) {
        Map<String, Object> p = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            p.put((String) pairs[i], pairs[i + 1]);
        }
        return p;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> http(Map<String, Object> source) {
        return (Map<String, Object>) source.get("http");
    }

    /** The records of a dataset on pacer.records, by primary key, fields as canonical text; each key once. */
    private Map<String, Map<String, String>> published(String dataset) throws Exception {
        List<JsonNode> all = publishedRecords(dataset);
        Map<String, Map<String, String>> records = new HashMap<>();
        for (JsonNode data : all) {
            Map<String, String> fields = new TreeMap<>();
            data.path("fields").fields().forEachRemaining(f -> fields.put(f.getKey(),
                    f.getValue().isNumber() ? plain(f.getValue().decimalValue()) : f.getValue().asText()));
            records.put(data.path("primaryKey").asText(), fields);
        }
        assertThat(all).as("records of %s published once each", dataset).hasSize(records.size());
        return records;
    }

    private List<JsonNode> publishedRecords(String dataset) throws Exception {
        var reader = json.copy().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);
        List<JsonNode> mine = new ArrayList<>();
        for (ConsumerRecord<String, String> r : TopicReader.readToEnd(Topics.RECORDS)) {
            if (r.key().startsWith(dataset + ":")) {
                mine.add(reader.readTree(r.value()).path("data"));
            }
        }
        return mine;
    }

    private static String plain(BigDecimal d) {
        BigDecimal s = d.stripTrailingZeros();
        return (s.scale() < 0 ? s.setScale(0) : s).toPlainString();
    }

    /** The order lines of orders_flat.csv as the dataset's fields, read from the file itself. */
    private static Map<String, Map<String, String>> expectedFromCsv() throws Exception {
        Map<String, Map<String, String>> rows = new HashMap<>();
        List<String> lines = Files.readAllLines(OrdersApi.ORDERS_FLAT);
        for (String line : lines.subList(1, lines.size())) {
            String[] c = line.split(",", -1);
            Map<String, String> row = new TreeMap<>();
            row.put("order_id", c[0]);
            row.put("customer_id", c[1]);
            row.put("order_date", c[3]);
            row.put("product_id", c[7]);
            row.put("unit_price", plain(new BigDecimal(c[8])));
            row.put("quantity", c[9]);
            row.put("discount", plain(new BigDecimal(c[10])));
            rows.put(c[0] + "|" + c[7], row);
        }
        return rows;
    }

    private String storedSecret(String id) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select secret from ingest.source where id = ?")) {
            ps.setObject(1, UUID.fromString(id));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    @Test
    void everyPaginationStylePublishesEveryOrderLineOfTheFileExactly() throws Exception {
        Map<String, Map<String, Object>> styles = new LinkedHashMap<>();
        styles.put("page", httpSource(null, "page", "data", pagination("style", "PAGE", "size", 100)));
        // the API caps limit at 250: the offset advances by what was received
        styles.put("offset", httpSource(null, "offset", null, pagination("style", "OFFSET", "limit", 500)));
        styles.put("cursor", httpSource(null, "cursor", "result.orders", pagination("style", "CURSOR",
                "cursorPath", "result.next_cursor", "cursorParam", "cursor", "sizeParam", "per_page", "size", 300)));
        styles.put("link", httpSource(null, "link", "", pagination("style", "LINK", "sizeParam", "per_page",
                "size", 200)));
        Map<String, String> datasets = new LinkedHashMap<>();
        Map<String, String> ids = new LinkedHashMap<>();
        for (var style : styles.entrySet()) {
            String dataset = TestCatalog.defineOrderLines(json, schemas);
            style.getValue().put("dataset", dataset);
            datasets.put(style.getKey(), dataset);
            ids.put(style.getKey(), sources.create(style.getValue()));
        }
        Map<String, Map<String, String>> expected = expectedFromCsv();
        assertThat(expected).hasSize(ORDER_LINES);
        for (var style : ids.entrySet()) {
            JsonPath run = sources.runAndWait(style.getValue());
            assertThat(run.getString("status")).as(style.getKey() + ": " + run.prettify()).isEqualTo("SUCCEEDED");
            assertThat(run.getLong("rowsRead")).as(style.getKey()).isEqualTo(ORDER_LINES);
            assertThat(run.getLong("published")).as(style.getKey()).isEqualTo(ORDER_LINES);
            assertThat(run.getLong("rejected")).as(style.getKey()).isZero();
            assertThat(published(datasets.get(style.getKey()))).as(style.getKey()).isEqualTo(expected);
        }
        // money as the exact decimal of the file, never a float's binary expansion
        JsonNode line = publishedRecords(datasets.get("cursor")).stream()
                .filter(r -> r.path("primaryKey").asText().equals("10248|42")).findFirst().orElseThrow();
        assertThat(line.path("fields").path("unit_price").toString()).isEqualTo("9.8");
        assertThat(line.path("sourceSystem").asText()).isEqualTo("northwind-erp");
        assertThat(api.requests().stream().filter(r -> r.path().equals("/offset")).map(r -> r.params().get("offset")))
                .contains("0", "250", "2000", "2155");
    }

    @Test
    void aRateLimitedPageIsRetriedAfterRetryAfterWithoutLossOrDuplicates() throws Exception {
        String dataset = TestCatalog.defineOrderLines(json, schemas);
        String id = sources.create(httpSource(dataset, "page", "data", pagination("style", "PAGE", "size", 500)));
        api.clearRequests();
        api.rateLimitNext(1);
        Instant started = Instant.now();
        JsonPath run = sources.runAndWait(id);
        assertThat(run.getString("status")).as(run.prettify()).isEqualTo("SUCCEEDED");
        assertThat(Duration.between(started, Instant.now())).as("waited as Retry-After asked")
                .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(run.getLong("published")).isEqualTo(ORDER_LINES);
        assertThat(published(dataset)).isEqualTo(expectedFromCsv());
        List<OrdersApi.Request> requests = api.requests();
        assertThat(requests.get(0).status()).isEqualTo(429);
        assertThat(requests.get(1).params()).isEqualTo(requests.get(0).params());
        assertThat(requests.stream().map(OrdersApi.Request::status).toList())
                .containsExactly(429, 200, 200, 200, 200, 200, 200);
    }

    @Test
    void aWrongAuthValueFailsTheRunClearlyKeepsTheCursorAndPublishesNothing() throws Exception {
        String dataset = TestCatalog.defineOrderLines(json, schemas);
        Map<String, Object> body = httpSource(dataset, "offset", null, pagination("style", "OFFSET", "limit", 250));
        http(body).put("incremental", Map.of("field", "updated_at", "param", "updated_since"));
        String id = sources.create(body);
        assertThat(sources.runAndWait(id).getString("status")).isEqualTo("SUCCEEDED");
        String cursor = sources.get(id).getString("cursor.id");
        assertThat(cursor).isEqualTo(OrdersApi.FIRST_CHANGE);
        int before = publishedRecords(dataset).size();

        String wrong = "Bearer wrong-" + UUID.randomUUID();
        http(body).put("authValue", wrong);
        given().auth().oauth2(STEWARD).contentType("application/json").header("If-Match", "\"1\"").body(body)
                .put("/sources/" + id).then().statusCode(200);
        api.clearRequests();
        JsonPath failed = sources.runAndWait(id);
        assertThat(failed.getString("status")).isEqualTo("FAILED");
        assertThat(failed.getString("message")).startsWith("HTTP 401 from " + api.url("offset"))
                .contains("The access token is invalid or expired").contains("http.authValue")
                .doesNotContain(wrong).doesNotContain(TOKEN);
        assertThat(failed.getLong("published")).isZero();
        assertThat(failed.getString("finishedAt")).isNotNull();
        assertThat(api.requests()).as("a 401 is not retried").hasSize(1);
        assertThat(api.requests().get(0).authorization()).isEqualTo(wrong);
        assertThat(sources.get(id).getString("cursor.id")).isEqualTo(cursor);
        assertThat(publishedRecords(dataset)).hasSize(before);
    }

    @Test
    void anIncrementalRunPublishesOnlyWhatChangedAfterTheCursor() throws Exception {
        String dataset = TestCatalog.defineOrderLines(json, schemas);
        Map<String, Object> body = httpSource(dataset, "link", null, pagination("style", "LINK", "sizeParam",
                "per_page", "size", 500));
        http(body).put("incremental", Map.of("field", "updated_at", "param", "updated_since"));
        String id = sources.create(body);

        JsonPath first = sources.runAndWait(id);
        assertThat(first.getString("status")).as(first.prettify()).isEqualTo("SUCCEEDED");
        assertThat(first.getLong("published")).isEqualTo(ORDER_LINES);
        assertThat(first.getString("cursorBefore")).isNull();
        assertThat(first.getString("cursorAfter.id")).isEqualTo(OrdersApi.FIRST_CHANGE);

        api.clearRequests();
        JsonPath second = sources.runAndWait(id);
        assertThat(second.getString("status")).isEqualTo("SUCCEEDED");
        assertThat(second.getLong("published")).isZero();
        assertThat(api.requests()).hasSize(1);
        assertThat(api.requests().get(0).params()).containsEntry("updated_since", OrdersApi.FIRST_CHANGE);

        api.change(10248, 11, 99, "2025-03-01T10:00:00Z");
        api.change(11077, 77, 3, "2025-03-01T09:00:00+00:00");
        JsonPath third = sources.runAndWait(id);
        assertThat(third.getString("status")).isEqualTo("SUCCEEDED");
        assertThat(third.getLong("published")).isEqualTo(2);
        assertThat(third.getString("cursorAfter.id")).isEqualTo("2025-03-01T10:00:00Z");
        assertThat(sources.get(id).getString("cursor.id")).isEqualTo("2025-03-01T10:00:00Z");

        List<JsonNode> records = publishedRecords(dataset);
        assertThat(records).hasSize(ORDER_LINES + 2);
        long lastVersion = records.stream().mapToLong(r -> r.path("sourceVersion").asLong()).max().orElseThrow();
        List<JsonNode> changed = records.stream().filter(r -> r.path("sourceVersion").asLong() == lastVersion)
                .toList();
        assertThat(changed).extracting(r -> r.path("primaryKey").asText()).containsExactlyInAnyOrder("10248|11",
                "11077|77");
        assertThat(changed).filteredOn(r -> r.path("primaryKey").asText().equals("10248|11")).singleElement()
                .satisfies(r -> assertThat(r.path("fields").path("quantity").asInt()).isEqualTo(99));

        // rewound, the next run asks for everything again (no updated_since) and publishes every line as it is now
        given().auth().oauth2(STEWARD).header("If-Match", "\"" + sources.get(id).getInt("version") + "\"")
                .post("/sources/" + id + "/rewind").then().statusCode(200);
        api.clearRequests();
        JsonPath again = sources.runAndWait(id);
        assertThat(again.getString("status")).as(again.prettify()).isEqualTo("SUCCEEDED");
        assertThat(again.getLong("published")).isEqualTo(ORDER_LINES);
        assertThat(again.getString("cursorAfter.id")).isEqualTo("2025-03-01T10:00:00Z");
        assertThat(api.requests().get(0).params()).doesNotContainKey("updated_since");
        List<JsonNode> reread = publishedRecords(dataset).stream()
                .filter(r -> r.path("sourceVersion").asLong() > lastVersion).toList();
        assertThat(reread).hasSize(ORDER_LINES);
        assertThat(reread).filteredOn(r -> r.path("primaryKey").asText().equals("10248|11")).singleElement()
                .satisfies(r -> assertThat(r.path("fields").path("quantity").asInt()).isEqualTo(99));
    }

    @Test
    void theAuthValueIsWriteOnlyStoredEncryptedAndKeptByAnUpdateWithoutIt() throws Exception {
        String dataset = TestCatalog.defineOrderLines(json, schemas);
        Map<String, Object> body = httpSource(dataset, "page", "data", pagination("style", "PAGE", "size", 1000));
        String created = given().auth().oauth2(STEWARD).contentType("application/json").body(body).post("/sources")
                .then().statusCode(201).body("kind", equalTo("HTTP")).body("passwordSet", equalTo(true))
                .body("http.url", equalTo(api.url("page"))).body("http.authValue", nullValue())
                .body("http.authHeader", nullValue()).body("jdbc", nullValue())
                .extract().asString();
        assertThat(created).doesNotContain(TOKEN);
        String id = json.readTree(created).path("id").asText();
        assertThat(sources.get(id).prettify()).doesNotContain(TOKEN);
        assertThat(given().auth().oauth2(STEWARD).queryParam("dataset", dataset).get("/sources").then()
                .statusCode(200).extract().asString()).doesNotContain(TOKEN);
        String secret = storedSecret(id);
        assertThat(secret).startsWith("v1:").doesNotContain(TOKEN);

        http(body).remove("authValue");
        http(body).put("headers", Map.of("Accept-Language", "en"));
        given().auth().oauth2(STEWARD).contentType("application/json").header("If-Match", "\"1\"").body(body)
                .put("/sources/" + id).then().statusCode(200).body("passwordSet", equalTo(true))
                .body("http.headers.Accept-Language", equalTo("en"));
        assertThat(storedSecret(id)).isEqualTo(secret);
        JsonPath run = sources.runAndWait(id);
        assertThat(run.getString("status")).as("the kept credential still works: " + run.prettify())
                .isEqualTo("SUCCEEDED");
        assertThat(given().auth().oauth2(STEWARD).get("/sources/" + id + "/runs").then().statusCode(200).extract()
                .asString()).doesNotContain(TOKEN);
    }

    @Test
    void connectionTestAndPreviewReadTheFirstPageOnly() {
        String dataset = TestCatalog.defineOrderLines(json, schemas);
        Map<String, Object> body = httpSource(dataset, "cursor", "result.orders", pagination("style", "CURSOR",
                "cursorPath", "result.next_cursor", "cursorParam", "cursor", "sizeParam", "per_page", "size", 50));
        String id = sources.create(body);
        api.clearRequests();
        given().auth().oauth2(STEWARD).post("/sources/" + id + "/test").then().statusCode(200)
                .body("ok", equalTo(true)).body("message", equalTo("Connected; the first page holds 50 records"))
                .body("columns", equalTo(List.of("order", "line", "updated_at")));
        assertThat(api.requests()).hasSize(1);

        Map<String, Object> preview = httpSource(dataset, "cursor", "result.orders", pagination("style", "CURSOR",
                "cursorPath", "result.next_cursor", "cursorParam", "cursor", "sizeParam", "per_page", "size", 50));
        Map<String, String> mapping = new HashMap<>(MAPPING);
        mapping.put("customer_id", "order.customer.name"); // no such member: refused
        preview.put("mapping", mapping);
        given().auth().oauth2(STEWARD).contentType("application/json").body(preview).queryParam("limit", 3)
                .post("/sources/preview").then().statusCode(200)
                .body("ok", equalTo(true)).body("rows.size()", equalTo(3))
                .body("rows[0].primaryKey", equalTo("10248|11")).body("rows[0].accepted", equalTo(false))
                .body("rows[0].reason", equalTo("missing required field 'customer_id'"))
                .body("rows[0].record.quantity", equalTo(12));
        preview.put("mapping", MAPPING);
        given().auth().oauth2(STEWARD).contentType("application/json").body(preview).queryParam("limit", 2)
                .post("/sources/preview").then().statusCode(200)
                .body("rows.accepted", equalTo(List.of(true, true)))
                .body("rows[1].record.customer_id", equalTo("VINET"));
        assertThat(api.requests()).hasSize(3);

        http(preview).put("authValue", "Bearer nope");
        given().auth().oauth2(STEWARD).contentType("application/json").body(preview).post("/sources/preview").then()
                .statusCode(200).body("ok", equalTo(false)).body("message", containsString("HTTP 401"));
        given().auth().oauth2(STEWARD).queryParam("dataset", dataset).get("/sources").then()
                .body("items.size()", equalTo(1));
    }

    @Test
    void badSettingsAreRefusedNamingEachField() {
        String dataset = TestCatalog.defineOrderLines(json, schemas);
        Map<String, Object> body = httpSource(dataset, "cursor", "result..orders", pagination("style", "CURSOR"));
        http(body).put("url", "file:///etc/passwd");
        http(body).put("headers", Map.of("Authorization", "Bearer in-the-clear"));
        http(body).put("maxPages", 0);
        body.put("jdbc", Map.of("url", "jdbc:postgresql://x/y", "mode", "FULL_REFRESH", "table", "t"));
        given().auth().oauth2(STEWARD).contentType("application/json").body(body).post("/sources").then()
                .statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItems("http.maxPages"));
        http(body).remove("maxPages");
        given().auth().oauth2(STEWARD).contentType("application/json").body(body).post("/sources").then()
                .statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItems("http.url", "http.headers.Authorization", "http.recordsPath",
                        "http.pagination.cursorPath", "http.pagination.cursorParam", "jdbc"));
        Map<String, Object> noSettings = httpSource(dataset, "page", null, null);
        noSettings.remove("http");
        given().auth().oauth2(STEWARD).contentType("application/json").body(noSettings).post("/sources").then()
                .statusCode(400).body("errors.field", hasItems("http"));
    }

    @Test
    void anApiThatAlwaysNamesANextPageFailsTheRunAtMaxPages() {
        String dataset = TestCatalog.defineOrderLines(json, schemas);
        Map<String, Object> body = httpSource(dataset, "forever", "data", pagination("style", "PAGE"));
        http(body).put("maxPages", 4);
        String id = sources.create(body);
        JsonPath run = sources.runAndWait(id);
        assertThat(run.getString("status")).isEqualTo("FAILED");
        assertThat(run.getString("message")).contains("after 4 pages (maxPages)");
        assertThat(run.getString("finishedAt")).isNotNull();

        Map<String, Object> wrongPath = httpSource(dataset, "page", "meta", pagination("style", "PAGE"));
        JsonPath failed = sources.runAndWait(sources.create(wrongPath));
        assertThat(failed.getString("status")).isEqualTo("FAILED");
        assertThat(failed.getString("message")).startsWith("recordsPath 'meta' is an object in the response of "
                + api.url("page"));
    }

    @Test
    void scheduledHttpSourcesRunWhenDueUnlessPaused() {
        String dataset = TestCatalog.defineOrderLines(json, schemas);
        Map<String, Object> body = httpSource(dataset, "page", "data", pagination("style", "PAGE", "size", 1000));
        body.put("schedule", "0 0 * * * ?");
        String id = sources.create(body);
        Instant nextRun = Instant.parse(sources.get(id).getString("nextRunAt"));
        given().auth().oauth2(STEWARD).post("/sources/" + id + "/pause").then().statusCode(200)
                .body("paused", equalTo(true));
        clock.set(nextRun.plusSeconds(1));
        scheduler.tick();
        assertThat(runsOf(id)).isEmpty();
        given().auth().oauth2(STEWARD).post("/sources/" + id + "/resume").then().statusCode(200)
                .body("paused", equalTo(false));
        clock.advance(Duration.ofHours(1));
        scheduler.tick();
        List<Map<String, Object>> runs = runsOf(id);
        assertThat(runs).hasSize(1);
        JsonPath run = sources.awaitRun(id, ((Number) runs.get(0).get("id")).longValue());
        assertThat(run.getString("trigger")).isEqualTo("SCHEDULE");
        assertThat(run.getString("status")).isEqualTo("SUCCEEDED");
        assertThat(run.getLong("published")).isEqualTo(ORDER_LINES);
    }

    private List<Map<String, Object>> runsOf(String id) {
        return given().auth().oauth2(STEWARD).get("/sources/" + id + "/runs").then().statusCode(200)
                .extract().jsonPath().getList("items");
    }
}
