package dev.pacer.ingest.source;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pacer.ingest.SourceClient;
import dev.pacer.ingest.TestCatalog;
import dev.pacer.ingest.catalog.DatasetSchemas;
import dev.pacer.testing.PacerTestStack;
import dev.pacer.testing.TestClock;
import dev.pacer.testing.Tokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@PacerTestStack
class SourceApiTest {
    private static final String STEWARD = Tokens.withRole("steward", "sales");
    private static final String OTHER_STEWARD = Tokens.withRole("steward", "finance");
    private static final String PASSWORD = "s3cret-" + UUID.randomUUID();
    /** The test database itself serves as a source: it is a real PostgreSQL that is always there. */
    private static final String URL = "jdbc:postgresql://127.0.0.1:5432/pacer_test";

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
    private String dataset;

    @BeforeEach
    void defineDataset() {
        dataset = TestCatalog.defineOrderLines(json, schemas);
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private Map<String, Object> source() {
        Map<String, Object> jdbc = SourceClient.jdbc(URL, "postgres", PASSWORD,
                "select 10248 as order_id, 11 as product_id, 'VINET' as customer_id, date '1996-07-04' as order_date, "
                        + "14.00 as unit_price, 12 as quantity", "FULL_REFRESH");
        return SourceClient.jdbcSource("source " + UUID.randomUUID(), dataset, jdbc);
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
    void credentialsAreWriteOnlyAndStoredEncrypted() throws Exception {
        String body = given().auth().oauth2(STEWARD).contentType("application/json").body(source())
                .post("/sources").then().statusCode(201)
                .header("Location", containsString("/sources/"))
                .header("ETag", equalTo("\"1\""))
                .body("passwordSet", equalTo(true))
                .body("jdbc.url", equalTo(URL))
                .body("jdbc.password", nullValue())
                .extract().asString();
        assertThat(body).doesNotContain(PASSWORD);
        String id = json.readTree(body).path("id").asText();
        assertThat(sources.get(id).prettify()).doesNotContain(PASSWORD);
        String secret = storedSecret(id);
        assertThat(secret).startsWith("v1:").doesNotContain(PASSWORD);

        // an update without a password keeps it; "" removes it
        Map<String, Object> change = source();
        change.put("name", sources.get(id).getString("name"));
        ((Map<String, Object>) change.get("jdbc")).remove("password");
        given().auth().oauth2(STEWARD).contentType("application/json").header("If-Match", "\"1\"").body(change)
                .put("/sources/" + id).then().statusCode(200).body("passwordSet", equalTo(true))
                .header("ETag", equalTo("\"2\""));
        assertThat(storedSecret(id)).isEqualTo(secret);
        ((Map<String, Object>) change.get("jdbc")).put("password", "");
        given().auth().oauth2(STEWARD).contentType("application/json").header("If-Match", "\"2\"").body(change)
                .put("/sources/" + id).then().statusCode(200).body("passwordSet", equalTo(false));
        assertThat(storedSecret(id)).isNull();
    }

    @Test
    void updatesNeedTheCurrentVersion() {
        String id = sources.create(source());
        Map<String, Object> change = source();
        given().auth().oauth2(STEWARD).contentType("application/json").body(change)
                .put("/sources/" + id).then().statusCode(428);
        given().auth().oauth2(STEWARD).contentType("application/json").header("If-Match", "\"7\"").body(change)
                .put("/sources/" + id).then().statusCode(412);
        given().auth().oauth2(STEWARD).header("If-Match", "\"7\"").delete("/sources/" + id).then().statusCode(412);
        given().auth().oauth2(STEWARD).header("If-Match", "\"1\"").delete("/sources/" + id).then().statusCode(204);
        given().auth().oauth2(STEWARD).get("/sources/" + id).then().statusCode(404);
    }

    @Test
    void rewindNeedsTheCurrentVersionAndNoRunInProgress() throws Exception {
        String id = sources.create(source());
        assertThat(sources.runAndWait(id).getLong("published")).isEqualTo(1);
        given().auth().oauth2(STEWARD).post("/sources/" + id + "/rewind").then().statusCode(428)
                .contentType("application/problem+json");
        given().auth().oauth2(STEWARD).header("If-Match", "\"7\"").post("/sources/" + id + "/rewind").then()
                .statusCode(412).contentType("application/problem+json");
        given().auth().oauth2(STEWARD).header("If-Match", "\"1\"").post("/sources/" + UUID.randomUUID() + "/rewind")
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(OTHER_STEWARD).header("If-Match", "\"1\"").post("/sources/" + id + "/rewind").then()
                .statusCode(403);

        long running;
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("insert into "
                + "ingest.source_run (source_id, trigger, status, started_at) values (?, 'MANUAL', 'RUNNING', now()) "
                + "returning id")) {
            ps.setObject(1, UUID.fromString(id));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                running = rs.getLong(1);
            }
        }
        try {
            given().auth().oauth2(STEWARD).header("If-Match", "\"1\"").post("/sources/" + id + "/rewind").then()
                    .statusCode(409).contentType("application/problem+json")
                    .body("detail", containsString("Run " + running + " of this source is in progress"));
        } finally {
            try (Connection c = dataSource.getConnection();
                    PreparedStatement ps = c.prepareStatement("delete from ingest.source_run where id = ?")) {
                ps.setLong(1, running);
                ps.executeUpdate();
            }
        }
        assertThat(sources.get(id).getInt("version")).isEqualTo(1);

        given().auth().oauth2(STEWARD).header("If-Match", "\"1\"").post("/sources/" + id + "/rewind").then()
                .statusCode(200).header("ETag", "\"2\"").body("version", equalTo(2));
        // the full refresh's only row is published again, though it did not change
        assertThat(sources.runAndWait(id).getLong("published")).isEqualTo(1);
        assertThat(sources.runAndWait(id).getLong("published")).isZero();
    }

    @Test
    void badSettingsAreRefusedNamingEachField() {
        Map<String, Object> bad = source();
        Map<String, Object> jdbc = (Map<String, Object>) bad.get("jdbc");
        jdbc.put("url", "jdbc:postgresql://erp/db?socketFactory=x.Y");
        jdbc.put("table", "orders; drop table orders");
        jdbc.remove("query");
        bad.put("schedule", "every hour");
        bad.put("mapping", Map.of("no_such_field", "x"));
        given().auth().oauth2(STEWARD).contentType("application/json").body(bad).post("/sources").then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItems("jdbc.url", "jdbc.table", "schedule", "mapping.no_such_field"));

        Map<String, Object> unknownDataset = source();
        unknownDataset.put("dataset", "no_such_dataset_" + UUID.randomUUID());
        given().auth().oauth2(STEWARD).contentType("application/json").body(unknownDataset).post("/sources").then()
                .statusCode(400).body("errors.field", hasItem("dataset"));

        Map<String, Object> noMode = source();
        ((Map<String, Object>) noMode.get("jdbc")).remove("mode");
        given().auth().oauth2(STEWARD).contentType("application/json").body(noMode).post("/sources").then()
                .statusCode(400).body("errors.field", hasItem(containsString("mode")));

        given().auth().oauth2(STEWARD).contentType("application/json").body("{\"name\": ")
                .post("/sources").then().statusCode(400);
    }

    @Test
    void namesAreUnique() {
        Map<String, Object> body = source();
        sources.create(body);
        given().auth().oauth2(STEWARD).contentType("application/json").body(body).post("/sources").then()
                .statusCode(409);
    }

    @Test
    void sourcesOfOtherDepartmentsAreNeitherListedNorReadable() {
        String id = sources.create(source());
        given().auth().oauth2(OTHER_STEWARD).get("/sources/" + id).then().statusCode(403);
        given().auth().oauth2(OTHER_STEWARD).post("/sources/" + id + "/runs").then().statusCode(403);
        given().auth().oauth2(OTHER_STEWARD).queryParam("dataset", dataset).get("/sources").then().statusCode(200)
                .body("items.id", not(hasItem(id)));
        given().auth().oauth2(STEWARD).queryParam("dataset", dataset).get("/sources").then().statusCode(200)
                .body("items.id", hasItem(id));
        given().auth().oauth2(Tokens.admin()).get("/sources/" + id).then().statusCode(200);
        given().auth().oauth2(Tokens.withRole("integration")).get("/sources").then().statusCode(403);
        given().get("/sources").then().statusCode(401);

        Map<String, Object> foreign = source();
        foreign.put("department", "finance");
        given().auth().oauth2(STEWARD).contentType("application/json").body(foreign).post("/sources").then()
                .statusCode(403);
    }

    @Test
    void listPagesByName() {
        for (int i = 0; i < 3; i++) {
            sources.create(source());
        }
        var first = given().auth().oauth2(STEWARD).queryParam("dataset", dataset).queryParam("limit", 2)
                .get("/sources").then().statusCode(200).extract().jsonPath();
        assertThat(first.getList("items")).hasSize(2);
        given().auth().oauth2(STEWARD).queryParam("dataset", dataset).queryParam("limit", 2)
                .queryParam("cursor", first.getString("next")).get("/sources").then().statusCode(200)
                .body("items.size()", equalTo(1)).body("next", nullValue());
    }

    @Test
    void connectionTestReportsColumnsOrTheReason() {
        String id = sources.create(source());
        given().auth().oauth2(STEWARD).post("/sources/" + id + "/test").then().statusCode(200)
                .body("ok", equalTo(true))
                .body("columns", equalTo(List.of("order_id", "product_id", "customer_id", "order_date", "unit_price",
                        "quantity")));

        Map<String, Object> wrongHost = SourceClient.jdbc("jdbc:postgresql://erp-host.invalid:5432/x", "u", "p",
                "select 1 as a", "FULL_REFRESH");
        given().auth().oauth2(STEWARD).contentType("application/json").body(wrongHost).post("/sources/test").then()
                .statusCode(200).body("ok", equalTo(false))
                .body("message", containsString("Cannot connect to the source database"));

        Map<String, Object> badQuery = SourceClient.jdbc(URL, "postgres", null, "select no_such_column from pg_class",
                "FULL_REFRESH");
        given().auth().oauth2(STEWARD).contentType("application/json").body(badQuery).post("/sources/test").then()
                .statusCode(200).body("ok", equalTo(false))
                .body("message", containsString("no_such_column"));
    }

    @Test
    void runsAreListedNewestFirstAndOneRunsAtATime() {
        String id = sources.create(source());
        var run = sources.runAndWait(id);
        assertThat(run.getString("status")).as(run.prettify()).isEqualTo("SUCCEEDED");
        assertThat(run.getLong("published")).isEqualTo(1);
        assertThat(run.getString("trigger")).isEqualTo("MANUAL");
        var second = sources.runAndWait(id);
        assertThat(second.getLong("published")).isZero();
        given().auth().oauth2(STEWARD).get("/sources/" + id + "/runs").then().statusCode(200)
                .body("items.size()", equalTo(2))
                .body("items[0].id", equalTo(second.getInt("id")))
                .body("items[1].id", equalTo(run.getInt("id")));
        given().auth().oauth2(STEWARD).get("/sources/" + id + "/runs/999999999").then().statusCode(404);
    }

    @Test
    void scheduledSourcesRunWhenDueUnlessPaused() {
        Map<String, Object> scheduled = source();
        scheduled.put("schedule", "0 0 * * * ?");
        String id = sources.create(scheduled);
        Instant nextRun = Instant.parse(sources.get(id).getString("nextRunAt"));
        assertThat(nextRun).isAfter(clock.instant()).isBeforeOrEqualTo(clock.instant().plus(Duration.ofHours(1)));

        assertThat(scheduler.tick()).as("not due yet").allSatisfy(runId ->
                assertThat(sources.awaitRun(id, runId).getString("sourceId")).isNotEqualTo(id));

        given().auth().oauth2(STEWARD).post("/sources/" + id + "/pause").then().statusCode(200)
                .body("paused", equalTo(true)).body("nextRunAt", nullValue()).header("ETag", equalTo("\"2\""));
        clock.set(nextRun.plusSeconds(1));
        List<Long> started = scheduler.tick();
        assertThat(runsOf(id)).isEmpty();

        given().auth().oauth2(STEWARD).post("/sources/" + id + "/resume").then().statusCode(200)
                .body("paused", equalTo(false)).body("nextRunAt", notNullValue());
        clock.advance(Duration.ofHours(1));
        started = scheduler.tick();
        List<Map<String, Object>> runs = runsOf(id);
        assertThat(runs).hasSize(1);
        assertThat(started).contains(((Number) runs.get(0).get("id")).longValue());
        var run = sources.awaitRun(id, ((Number) runs.get(0).get("id")).longValue());
        assertThat(run.getString("trigger")).isEqualTo("SCHEDULE");
        assertThat(run.getString("status")).isEqualTo("SUCCEEDED");
        assertThat(Instant.parse(sources.get(id).getString("nextRunAt"))).isAfter(clock.instant());
        // not due again until the next hour
        scheduler.tick();
        assertThat(runsOf(id)).hasSize(1);
    }

    private List<Map<String, Object>> runsOf(String id) {
        return given().auth().oauth2(STEWARD).get("/sources/" + id + "/runs").then().statusCode(200)
                .extract().jsonPath().getList("items");
    }

    @Test
    void previewShowsTheFirstRowsMappedWithTheirErrorsWithoutSavingAnything() {
        Map<String, Object> body = source();
        ((Map<String, Object>) body.get("jdbc")).put("query",
                "select * from (values (10248, 11, 'VINET', date '1996-07-04', 14.00, 12), "
                        + "(10248, 42, null, date '1996-07-04', 9.80, 10)) "
                        + "as t(order_id, product_id, \"cust; drop table x\", order_date, unit_price, quantity)");
        body.put("mapping", Map.of("customer_id", "cust; drop table x"));
        given().auth().oauth2(STEWARD).contentType("application/json").body(body).post("/sources/preview").then()
                .statusCode(200)
                .body("ok", equalTo(true))
                .body("rows.size()", equalTo(2))
                .body("rows[0].accepted", equalTo(true))
                .body("rows[0].primaryKey", equalTo("10248|11"))
                .body("rows[0].record.customer_id", equalTo("VINET"))
                .body("rows[1].accepted", equalTo(false))
                .body("rows[1].reason", equalTo("missing required field 'customer_id'"));
        given().auth().oauth2(STEWARD).queryParam("dataset", dataset).get("/sources").then()
                .body("items.size()", equalTo(0));

        ((Map<String, Object>) body.get("jdbc")).put("url", "jdbc:postgresql://erp-host.invalid:5432/x");
        given().auth().oauth2(STEWARD).contentType("application/json").body(body).post("/sources/preview").then()
                .statusCode(200).body("ok", equalTo(false)).body("message", containsString("erp-host.invalid"));
    }

    @Test
    void expressionsInTheMappingArePreviewedWithTheirErrorsAndCheckedWhenSaved() {
        Map<String, Object> body = source();
        ((Map<String, Object>) body.get("jdbc")).put("query",
                "select * from (values (10248, 11, ' vinet ', '04.07.1996', 14.00, 12, 0.1), "
                        + "(10248, 42, 'VINET', '04.07.1996', 9.80, 0, 0)) "
                        + "as t(order_id, product_id, cust, datum, price, qty, rebate)");
        Map<String, String> mapping = new java.util.LinkedHashMap<>();
        mapping.put("customer_id", "=upper(trim(cust))");
        mapping.put("order_date", "=date(datum, 'dd.MM.yyyy')");
        mapping.put("unit_price", "=round(price * (1 - rebate), 2)");
        mapping.put("quantity", "=qty");
        mapping.put("discount", "=rebate / qty");
        body.put("mapping", mapping);
        given().auth().oauth2(STEWARD).contentType("application/json").body(body).post("/sources/preview").then()
                .statusCode(200)
                .body("ok", equalTo(true))
                .body("rows[0].accepted", equalTo(true))
                .body("rows[0].record.customer_id", equalTo("VINET"))
                .body("rows[0].record.order_date", equalTo("1996-07-04"))
                .body("rows[0].record.unit_price", equalTo(12.6f))
                .body("rows[1].accepted", equalTo(false))
                .body("rows[1].primaryKey", equalTo("10248|42"))
                .body("rows[1].reason", containsString("field 'discount' could not be computed: division by zero "
                        + "('qty' is 0)"));

        mapping.put("unit_price", "=prise * 2");
        given().auth().oauth2(STEWARD).contentType("application/json").body(body).post("/sources/preview").then()
                .statusCode(200).body("ok", equalTo(false))
                .body("message", containsString("the expression of field 'unit_price' reads column 'prise'"));

        mapping.put("unit_price", "=round(price * , 2)");
        given().auth().oauth2(STEWARD).contentType("application/json").body(body).post("/sources").then()
                .statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("mapping.unit_price"))
                .body("errors[0].message", containsString("unexpected ','"))
                .body("errors[0].message", containsString("(at column 16)"));
        given().auth().oauth2(STEWARD).queryParam("dataset", dataset).get("/sources").then()
                .body("items.size()", equalTo(0));
    }

    @Test
    void sqlLookingColumnNamesAreNamesNotSql() {
        Map<String, Object> body = source();
        Map<String, Object> jdbc = (Map<String, Object>) body.get("jdbc");
        jdbc.put("mode", "INCREMENTAL");
        jdbc.put("timestampColumn", "order_date\" > now() or 1=1; drop table ingest.source; --");
        String id = sources.create(body);
        var run = sources.runAndWait(id);
        assertThat(run.getString("status")).isEqualTo("FAILED");
        assertThat(run.getString("message")).contains("is not a column of the source");
        sources.get(id);
    }
}
