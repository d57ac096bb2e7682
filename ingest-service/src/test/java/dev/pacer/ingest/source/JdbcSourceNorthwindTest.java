package dev.pacer.ingest.source;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import dev.pacer.events.Topics;
import dev.pacer.ingest.NorthwindDatabase;
import dev.pacer.ingest.SourceClient;
import dev.pacer.ingest.TestCatalog;
import dev.pacer.ingest.TopicReader;
import dev.pacer.ingest.catalog.DatasetSchemas;
import dev.pacer.testing.PacerTestStack;
import dev.pacer.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Northwind as a real ERP: a JDBC source over its order lines, read incrementally and by full refresh. */
@QuarkusTest
@PacerTestStack
class JdbcSourceNorthwindTest {
    private static final String STEWARD = Tokens.withRole("steward", "sales");
    /** Order lines with money read as decimals (the columns are float4) and a cursor column. */
    private static final String ORDER_LINES = """
            select o.order_id, d.product_id, o.customer_id, o.order_date,
                   cast(d.unit_price as numeric) as unit_price, d.quantity, cast(d.discount as numeric) as discount,
                   d.modified_at
              from orders o join order_details d on d.order_id = o.order_id""";

    private static NorthwindDatabase northwind;

    @Inject
    ObjectMapper json;
    @Inject
    DatasetSchemas schemas;

    private final SourceClient sources = new SourceClient(STEWARD);
    private String dataset;

    @BeforeAll
    static void loadNorthwind() {
        northwind = NorthwindDatabase.load();
        // Northwind has no change timestamp; an ERP table that is synchronised incrementally does.
        northwind.execute("alter table order_details add column modified_at timestamp not null "
                + "default timestamp '2024-01-01 00:00:00'");
    }

    @AfterAll
    static void dropNorthwind() {
        northwind.close();
    }

    @BeforeEach
    void defineDataset() {
        dataset = TestCatalog.defineOrderLines(json, schemas);
    }

    private Map<String, Object> orderLinesSource(String url, String query, String mode) {
        Map<String, Object> jdbc = SourceClient.jdbc(url, northwind.user(), "not-needed-but-stored", query, mode);
        if ("INCREMENTAL".equals(mode)) {
            jdbc.put("timestampColumn", "modified_at");
            jdbc.put("lateCommitDelay", "PT5M");
        }
        return SourceClient.jdbcSource("northwind " + UUID.randomUUID(), dataset, jdbc);
    }

    /** The records of this test's dataset on pacer.records, in order. */
    private List<JsonNode> published() throws Exception {
        var reader = json.copy().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);
        List<JsonNode> mine = new java.util.ArrayList<>();
        for (ConsumerRecord<String, String> r : TopicReader.readToEnd(Topics.RECORDS)) {
            if (r.key().startsWith(dataset + ":")) {
                JsonNode event = reader.readTree(r.value());
                assertThat(r.key()).isEqualTo(dataset + ":" + event.path("data").path("primaryKey").asText());
                mine.add(event.path("data"));
            }
        }
        return mine;
    }

    /** A record's fields as canonical text, for comparison with the source rows. */
    private static Map<String, String> canonical(JsonNode fields) {
        Map<String, String> out = new TreeMap<>();
        fields.fields().forEachRemaining(f -> out.put(f.getKey(), f.getValue().isNumber()
                ? plain(f.getValue().decimalValue()) : f.getValue().asText()));
        return out;
    }

    private static String plain(BigDecimal d) {
        BigDecimal s = d.stripTrailingZeros();
        return (s.scale() < 0 ? s.setScale(0) : s).toPlainString();
    }

    /** The order lines in the source, by primary key, as canonical text. */
    private static Map<String, Map<String, String>> sourceRows() throws SQLException {
        Map<String, Map<String, String>> rows = new HashMap<>();
        try (Connection c = northwind.connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(ORDER_LINES)) {
            while (rs.next()) {
                Map<String, String> row = new TreeMap<>();
                row.put("order_id", Integer.toString(rs.getInt("order_id")));
                row.put("product_id", Integer.toString(rs.getInt("product_id")));
                row.put("customer_id", rs.getString("customer_id"));
                row.put("order_date", rs.getObject("order_date", java.time.LocalDate.class).toString());
                row.put("unit_price", plain(rs.getBigDecimal("unit_price")));
                row.put("quantity", Integer.toString(rs.getInt("quantity")));
                row.put("discount", plain(rs.getBigDecimal("discount")));
                rows.put(row.get("order_id") + "|" + row.get("product_id"), row);
            }
        }
        return rows;
    }

    @Test
    void incrementalSourcePublishesEveryOrderLineOnceThenOnlyWhatChanged() throws Exception {
        String id = sources.create(orderLinesSource(northwind.url(), ORDER_LINES, "INCREMENTAL"));

        JsonPath first = sources.runAndWait(id);
        assertThat(first.getString("status")).as(first.prettify()).isEqualTo("SUCCEEDED");
        assertThat(first.getLong("rowsRead")).isEqualTo(NorthwindDatabase.ORDER_LINES);
        assertThat(first.getLong("published")).isEqualTo(NorthwindDatabase.ORDER_LINES);
        assertThat(first.getString("cursorAfter.timestamp")).isEqualTo("2024-01-01T00:00");

        List<JsonNode> records = published();
        Map<String, Map<String, String>> expected = sourceRows();
        assertThat(expected).hasSize(NorthwindDatabase.ORDER_LINES);
        Map<String, Map<String, String>> actual = new HashMap<>();
        for (JsonNode r : records) {
            assertThat(r.path("operation").asText()).isEqualTo("UPSERT");
            assertThat(r.path("sourceSystem").asText()).isEqualTo("northwind-erp");
            actual.put(r.path("primaryKey").asText(), canonical(r.path("fields")));
        }
        assertThat(records).hasSize(NorthwindDatabase.ORDER_LINES);
        assertThat(actual).isEqualTo(expected);
        // money as the decimal the ERP holds, never a float's binary expansion
        JsonNode line = records.stream().filter(r -> r.path("primaryKey").asText().equals("10248|42")).findFirst()
                .orElseThrow();
        assertThat(line.path("fields").path("unit_price").decimalValue()).isEqualByComparingTo("9.8");
        assertThat(line.path("fields").path("unit_price").toString()).isEqualTo("9.8");

        JsonPath second = sources.runAndWait(id);
        assertThat(second.getString("status")).isEqualTo("SUCCEEDED");
        assertThat(second.getLong("published")).isZero();
        assertThat(published()).hasSize(NorthwindDatabase.ORDER_LINES);

        northwind.execute("update order_details set quantity = 99, modified_at = timestamp '2025-03-01 10:00:00' "
                + "where order_id = 10248 and product_id = 11");
        JsonPath third = sources.runAndWait(id);
        assertThat(third.getString("status")).isEqualTo("SUCCEEDED");
        assertThat(third.getLong("published")).isEqualTo(1);
        assertThat(third.getString("cursorAfter.timestamp")).isEqualTo("2025-03-01T10:00");
        List<JsonNode> after = published();
        assertThat(after).hasSize(NorthwindDatabase.ORDER_LINES + 1);
        List<JsonNode> versions = after.stream().filter(r -> r.path("primaryKey").asText().equals("10248|11"))
                .sorted(java.util.Comparator.comparingLong(r -> r.path("sourceVersion").asLong())).toList();
        assertThat(versions).hasSize(2);
        assertThat(versions.get(0).path("fields").path("quantity").asInt()).isEqualTo(12);
        assertThat(versions.get(1).path("fields").path("quantity").asInt()).isEqualTo(99);
        assertThat(versions.get(1).path("sourceVersion").asLong())
                .isGreaterThan(versions.get(0).path("sourceVersion").asLong());
        assertThat(sources.get(id).getString("cursor.timestamp")).isEqualTo("2025-03-01T10:00");

        // read from the start again: every line once more, as the source has it now
        long before = newestVersion();
        rewind(id).body("cursor", nullValue());
        JsonPath again = sources.runAndWait(id);
        assertThat(again.getString("status")).as(again.prettify()).isEqualTo("SUCCEEDED");
        assertThat(again.getString("cursorBefore")).isNull();
        assertThat(again.getLong("published")).isEqualTo(NorthwindDatabase.ORDER_LINES);
        assertThat(again.getString("cursorAfter.timestamp")).isEqualTo("2025-03-01T10:00");
        List<JsonNode> reread = publishedAfter(before);
        assertThat(reread).hasSize(NorthwindDatabase.ORDER_LINES);
        Map<String, Map<String, String>> now = new HashMap<>();
        reread.forEach(r -> now.put(r.path("primaryKey").asText(), canonical(r.path("fields"))));
        assertThat(now).isEqualTo(sourceRows());
    }

    /** The newest source version among this test's published records. */
    private long newestVersion() throws Exception {
        return published().stream().mapToLong(r -> r.path("sourceVersion").asLong()).max().orElse(0);
    }

    /** This test's records published with a source version newer than {@code version} (by later runs). */
    private List<JsonNode> publishedAfter(long version) throws Exception {
        return published().stream().filter(r -> r.path("sourceVersion").asLong() > version).toList();
    }

    /** Rewinds a source at its current version; the answer, for more checks. */
    private ValidatableResponse rewind(String id) {
        int version = sources.get(id).getInt("version");
        return given().auth().oauth2(STEWARD).header("If-Match", "\"" + version + "\"")
                .post("/sources/" + id + "/rewind").then().statusCode(200)
                .header("ETag", "\"" + (version + 1) + "\"");
    }

    @Test
    void runAgainstAnUnreachableHostFailsWithAClearMessageAndKeepsTheCursor() {
        Map<String, Object> body = orderLinesSource(northwind.url(), ORDER_LINES, "INCREMENTAL");
        String id = sources.create(body);
        assertThat(sources.runAndWait(id).getString("status")).isEqualTo("SUCCEEDED");
        JsonPath before = sources.get(id);
        String cursor = before.getString("cursor.timestamp");
        assertThat(cursor).isNotNull();

        @SuppressWarnings("unchecked")
        Map<String, Object> jdbc = (Map<String, Object>) body.get("jdbc");
        jdbc.put("url", "jdbc:postgresql://erp-host.invalid:5432/northwind");
        given().auth().oauth2(STEWARD).contentType("application/json").header("If-Match", "\"1\"").body(body)
                .put("/sources/" + id).then().statusCode(200);

        JsonPath failed = sources.runAndWait(id);
        assertThat(failed.getString("status")).isEqualTo("FAILED");
        assertThat(failed.getString("message")).startsWith("Cannot connect to the source database")
                .contains("erp-host.invalid");
        assertThat(failed.getLong("published")).isZero();
        assertThat(failed.getString("finishedAt")).isNotNull();
        assertThat(sources.get(id).getString("cursor.timestamp")).isEqualTo(cursor);
    }

    @Test
    void fullRefreshPublishesChangesOnlyAndATombstoneForAVanishedLine() throws Exception {
        String table = "refresh_lines_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        northwind.execute("create table " + table + " as " + ORDER_LINES + " where o.order_id < 10255");
        int lines;
        try (Connection c = northwind.connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select count(*) from " + table)) {
            rs.next();
            lines = rs.getInt(1);
        }
        Map<String, Object> body = orderLinesSource(northwind.url(), null, "FULL_REFRESH");
        @SuppressWarnings("unchecked")
        Map<String, Object> jdbc = (Map<String, Object>) body.get("jdbc");
        jdbc.remove("query");
        jdbc.put("table", table);
        String id = sources.create(body);

        JsonPath first = sources.runAndWait(id);
        assertThat(first.getString("status")).as(first.prettify()).isEqualTo("SUCCEEDED");
        assertThat(first.getLong("published")).isEqualTo(lines);
        assertThat(first.getLong("deleted")).isZero();

        JsonPath unchanged = sources.runAndWait(id);
        assertThat(unchanged.getLong("rowsRead")).isEqualTo(lines);
        assertThat(unchanged.getLong("published")).isZero();

        northwind.execute("delete from " + table + " where order_id = 10248 and product_id = 42");
        northwind.execute("update " + table + " set quantity = 7 where order_id = 10249 and product_id = 14");
        JsonPath third = sources.runAndWait(id);
        assertThat(third.getLong("published")).isEqualTo(1);
        assertThat(third.getLong("deleted")).isEqualTo(1);

        List<JsonNode> records = published();
        assertThat(records).hasSize(lines + 2);
        JsonNode tombstone = records.stream().filter(r -> r.path("operation").asText().equals("DELETE")).findFirst()
                .orElseThrow();
        assertThat(tombstone.path("primaryKey").asText()).isEqualTo("10248|42");
        assertThat(tombstone.path("fields").isNull() || tombstone.path("fields").isMissingNode()).isTrue();

        // read from the start again: every line is published once more, and a line gone meanwhile is still deleted
        northwind.execute("delete from " + table + " where order_id = 10249 and product_id = 51");
        long before = newestVersion();
        rewind(id);
        JsonPath again = sources.runAndWait(id);
        assertThat(again.getString("status")).as(again.prettify()).isEqualTo("SUCCEEDED");
        assertThat(again.getLong("published")).isEqualTo(lines - 2);
        assertThat(again.getLong("deleted")).isEqualTo(1);
        List<JsonNode> after = publishedAfter(before);
        assertThat(after).hasSize(lines - 1);
        assertThat(after).filteredOn(r -> r.path("operation").asText().equals("DELETE"))
                .extracting(r -> r.path("primaryKey").asText()).containsExactly("10249|51");
        assertThat(after).filteredOn(r -> r.path("operation").asText().equals("UPSERT")).hasSize(lines - 2)
                .extracting(r -> r.path("primaryKey").asText()).doesNotContain("10248|42", "10249|51");
        assertThat(sources.runAndWait(id).getLong("published")).isZero();
    }
}
