package dev.pacer.ingest.upload;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import dev.pacer.events.Topics;
import dev.pacer.ingest.TestCatalog;
import dev.pacer.ingest.TopicReader;
import dev.pacer.ingest.catalog.DatasetSchemas;
import dev.pacer.testing.PacerTestStack;
import dev.pacer.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Uploading Northwind's order lines as CSV, as ERP and Chinese Excel exports write them. */
@QuarkusTest
@PacerTestStack
class UploadApiTest {
    private static final Path ORDERS_FLAT = Path.of(System.getProperty("pacer.datasets", "/work/shared/datasets"),
            "northwind", "orders_flat.csv");
    private static final int ORDER_LINES = 2155;
    private static final String STEWARD = Tokens.withRole("steward", "sales");
    /** The header of orders_flat.csv as a Chinese Excel export names its columns. */
    private static final String CHINESE_HEADER = "订单号,客户,员工,订单日期,要求日期,发货日期,国家,产品,单价,数量,折扣";

    @Inject
    ObjectMapper json;
    @Inject
    DatasetSchemas schemas;

    private static String ordersFlat() throws Exception {
        return Files.readString(ORDERS_FLAT, StandardCharsets.UTF_8);
    }

    private RequestSpecification upload(String dataset) {
        return given().auth().oauth2(STEWARD).queryParam("dataset", dataset).contentType("text/csv");
    }

    private JsonPath awaitDone(String id) {
        Instant deadline = Instant.now().plusSeconds(60);
        while (true) {
            JsonPath job = given().auth().oauth2(STEWARD).get("/uploads/" + id).then().statusCode(200).extract()
                    .jsonPath();
            String status = job.getString("status");
            if (status.equals("SUCCEEDED") || status.equals("FAILED")) {
                return job;
            }
            assertThat(Instant.now()).as("upload %s done in time", id).isBefore(deadline);
            TestCatalog.sleep(100);
        }
    }

    private String uploadAndWait(String dataset, byte[] body, Map<String, ?> params) {
        String id = upload(dataset).queryParams(params).body(body).post("/uploads").then().statusCode(202)
                .header("Location", containsString("/uploads/")).body("status", equalTo("QUEUED"))
                .extract().path("id");
        JsonPath done = awaitDone(id);
        assertThat(done.getString("status")).as(done.prettify()).isEqualTo("SUCCEEDED");
        return id;
    }

    /** The records of a dataset on pacer.records, by primary key, fields as canonical text. */
    private Map<String, Map<String, String>> published(String dataset) throws Exception {
        var reader = json.copy().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);
        Map<String, Map<String, String>> records = new HashMap<>();
        int count = 0;
        for (ConsumerRecord<String, String> r : TopicReader.readToEnd(Topics.RECORDS)) {
            if (r.key().startsWith(dataset + ":")) {
                JsonNode data = reader.readTree(r.value()).path("data");
                Map<String, String> fields = new TreeMap<>();
                data.path("fields").fields().forEachRemaining(f -> fields.put(f.getKey(),
                        f.getValue().isNumber() ? plain(f.getValue().decimalValue()) : f.getValue().asText()));
                records.put(data.path("primaryKey").asText(), fields);
                count++;
            }
        }
        assertThat(count).as("records published once each").isEqualTo(records.size());
        return records;
    }

    private static String plain(BigDecimal d) {
        BigDecimal s = d.stripTrailingZeros();
        return (s.scale() < 0 ? s.setScale(0) : s).toPlainString();
    }

    /** The order lines of orders_flat.csv as the dataset's fields. */
    private static Map<String, Map<String, String>> expectedFromCsv() throws Exception {
        Map<String, Map<String, String>> rows = new HashMap<>();
        List<String> lines = ordersFlat().lines().toList();
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

    @Test
    void ordersFlatYieldsEveryOrderLineExactly() throws Exception {
        String dataset = TestCatalog.defineOrderLines(json, schemas);
        String id = uploadAndWait(dataset, ordersFlat().getBytes(StandardCharsets.UTF_8), Map.of());

        JsonPath job = given().auth().oauth2(STEWARD).get("/uploads/" + id).then().extract().jsonPath();
        assertThat(job.getInt("rowsTotal")).isEqualTo(ORDER_LINES);
        assertThat(job.getInt("rowsSucceeded")).isEqualTo(ORDER_LINES);
        assertThat(job.getInt("rowsFailed")).isZero();
        assertThat(job.getString("encoding")).isEqualTo("UTF-8");
        Map<String, Map<String, String>> records = published(dataset);
        assertThat(records).hasSize(ORDER_LINES).isEqualTo(expectedFromCsv());

        given().auth().oauth2(STEWARD).queryParam("limit", 2).get("/uploads/" + id + "/rows").then().statusCode(200)
                .body("items[0].row", equalTo(1)).body("items[0].line", equalTo(2))
                .body("items[0].status", equalTo("SUCCEEDED")).body("items[0].primaryKey", equalTo("10248|11"));
    }

    @Test
    void aGbkExportWithChineseHeadersYieldsIdenticalRecords() throws Exception {
        String csv = ordersFlat();
        String gbkCsv = CHINESE_HEADER + csv.substring(csv.indexOf('\n'));
        byte[] gbk = gbkCsv.getBytes(Charset.forName("GBK"));
        Map<String, Object> mapping = Map.of("map", List.of("order_id=订单号", "customer_id=客户", "order_date=订单日期",
                "product_id=产品", "unit_price=单价", "quantity=数量", "discount=折扣"));

        String utf8Dataset = TestCatalog.defineOrderLines(json, schemas);
        uploadAndWait(utf8Dataset, csv.getBytes(StandardCharsets.UTF_8), Map.of());
        String gbkDataset = TestCatalog.defineOrderLines(json, schemas);
        Map<String, Object> params = new HashMap<>(mapping);
        params.put("encoding", "GBK");
        String id = uploadAndWait(gbkDataset, gbk, params);
        assertThat(given().auth().oauth2(STEWARD).get("/uploads/" + id).then().extract().path("encoding").toString())
                .isEqualTo("GBK");
        assertThat(published(gbkDataset)).hasSize(ORDER_LINES).isEqualTo(published(utf8Dataset));

        // detected without being named: not valid UTF-8, read as GB18030 (a superset of GBK)
        String autoDataset = TestCatalog.defineOrderLines(json, schemas);
        String auto = uploadAndWait(autoDataset, gbk, mapping);
        assertThat(given().auth().oauth2(STEWARD).get("/uploads/" + auto).then().extract().path("encoding").toString())
                .isEqualTo("GB18030");
        assertThat(published(autoDataset)).isEqualTo(published(utf8Dataset));

        // and with a BOM, as Excel saves "CSV UTF-8"
        String bomDataset = TestCatalog.defineOrderLines(json, schemas);
        byte[] bom = ("\uFEFF" + gbkCsv).getBytes(StandardCharsets.UTF_8);
        uploadAndWait(bomDataset, bom, mapping);
        assertThat(published(bomDataset)).isEqualTo(published(utf8Dataset));
    }

    @Test
    void brokenRowsAreReportedWithTheirReasonsAndTheRestIsAccepted() throws Exception {
        List<String> lines = new ArrayList<>(ordersFlat().lines().toList());
        lines.set(5, lines.get(5).replaceFirst(",(\\d+),([\\d.]+)$", ",twelve,$2"));     // row 5: quantity
        lines.set(100, lines.get(100).replaceFirst("^(\\d+),(\\w+),(\\d+),[\\d-]+,", "$1,$2,$3,1996-13-45,")); // row 100
        lines.set(2000, lines.get(2000).replaceFirst("^(\\d+),\\w+,", "$1,,"));          // row 2000: customer
        String dataset = TestCatalog.defineOrderLines(json, schemas);
        String id = uploadAndWait(dataset, String.join("\n", lines).getBytes(StandardCharsets.UTF_8), Map.of());

        JsonPath job = given().auth().oauth2(STEWARD).get("/uploads/" + id).then().extract().jsonPath();
        assertThat(job.getInt("rowsSucceeded")).isEqualTo(ORDER_LINES - 3);
        assertThat(job.getInt("rowsFailed")).isEqualTo(3);
        JsonPath failed = given().auth().oauth2(STEWARD).queryParam("status", "FAILED").get("/uploads/" + id + "/rows")
                .then().statusCode(200).extract().jsonPath();
        assertThat(failed.getList("items.row", Integer.class)).containsExactly(5, 100, 2000);
        assertThat(failed.getList("items.reason", String.class)).containsExactly(
                "field 'quantity' must be a whole number, not the string \"twelve\"",
                "field 'order_date' is not a date (yyyy-MM-dd): the string \"1996-13-45\"",
                "missing required field 'customer_id'");
        assertThat(failed.getString("items[0].primaryKey")).isNotNull();
        assertThat(published(dataset)).hasSize(ORDER_LINES - 3);
    }

    /** An ERP export whose columns need computing: decimal commas, German dates, a price before rebate. */
    private static final String REBATED_LINES = """
            order;product;customer;datum;price;qty;rebate
            10248;11; vinet ;04.07.1996;14,00;12;0
            10248;42;VINET;04.07.1996;9,80;10;0,15
            10249;14;TOMSP;05.07.1996;n/a;9;0
            """;
    private static final List<String> REBATED_MAPPING = List.of("order_id=order", "product_id=product",
            "customer_id==upper(trim(customer))", "order_date==date(datum, 'dd.MM.yyyy')",
            "unit_price==round(price * (1 - rebate), 2)", "quantity=qty", "discount==nullif(number(rebate), 0)",
            "gift==if(price * qty > 100, true, false)");

    private RequestSpecification rebated(String dataset, List<String> mapping) {
        return upload(dataset).queryParam("delimiter", ";").queryParam("decimalComma", true)
                .queryParam("map", mapping).body(REBATED_LINES.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void expressionsInTheMappingComputeFieldsPreviewedThenPublished() throws Exception {
        String dataset = TestCatalog.defineOrderLines(json, schemas);
        JsonPath preview = rebated(dataset, REBATED_MAPPING).post("/uploads/preview").then().statusCode(200)
                .body("columns[4]", equalTo("price")).body("rowsTotal", equalTo(3)).extract().jsonPath();
        assertThat(preview.getList("rows.accepted", Boolean.class)).containsExactly(true, true, false);
        assertThat(preview.getString("rows[0].record.customer_id")).isEqualTo("VINET");
        assertThat(preview.getString("rows[1].record.unit_price")).isEqualTo("8.33");
        assertThat(preview.getMap("rows[2].record")).containsEntry("unit_price", null).containsEntry("quantity", 9);
        String reason = "field 'unit_price' could not be computed: 'price' is not a number: the string \"n/a\"; "
                + "field 'gift' could not be computed: 'price' is not a number: the string \"n/a\"";
        assertThat(preview.getString("rows[2].reason")).isEqualTo(reason);
        assertThat(preview.getString("rows[2].primaryKey")).isEqualTo("10249|14");
        assertThat(published(dataset)).as("a preview publishes nothing").isEmpty();

        String id = rebated(dataset, REBATED_MAPPING).post("/uploads").then().statusCode(202).extract().path("id");
        JsonPath job = awaitDone(id);
        assertThat(job.getString("status")).isEqualTo("SUCCEEDED");
        assertThat(job.getInt("rowsSucceeded")).isEqualTo(2);
        assertThat(job.getInt("rowsFailed")).isEqualTo(1);
        assertThat(published(dataset)).isEqualTo(Map.of(
                "10248|11", new TreeMap<>(Map.of("order_id", "10248", "product_id", "11", "customer_id", "VINET",
                        "order_date", "1996-07-04", "unit_price", "14", "quantity", "12", "gift", "true")),
                "10248|42", new TreeMap<>(Map.of("order_id", "10248", "product_id", "42", "customer_id", "VINET",
                        "order_date", "1996-07-04", "unit_price", "8.33", "quantity", "10", "discount", "0.15",
                        "gift", "false"))));
        given().auth().oauth2(STEWARD).queryParam("status", "FAILED").get("/uploads/" + id + "/rows").then()
                .statusCode(200).body("items.size()", equalTo(1)).body("items[0].row", equalTo(3))
                .body("items[0].reason", equalTo(reason));
        given().auth().oauth2(STEWARD).queryParam("dataset", dataset).queryParam("source", "upload:" + id)
                .get("/rejections").then().statusCode(200).body("items.size()", equalTo(1))
                .body("items[0].primaryKey", equalTo("10249|14")).body("items[0].reason", equalTo(reason));
    }

    @Test
    void anExpressionThatDoesNotParseOrReadsAnUnknownColumnIsRefusedNamingItsEntry() throws Exception {
        String dataset = TestCatalog.defineOrderLines(json, schemas);
        List<String> broken = new ArrayList<>(REBATED_MAPPING);
        broken.set(4, "unit_price==round(price * (1 - rebate), )");
        rebated(dataset, broken).post("/uploads").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("mapping.unit_price"))
                .body("errors[0].message", containsString("unexpected ')'"))
                .body("errors[0].message", containsString("(at column 30)"));
        broken.set(4, "unit_price==prise * qty");
        rebated(dataset, broken).post("/uploads/preview").then().statusCode(400)
                .body("errors[0].field", equalTo("mapping.unit_price"))
                .body("errors[0].message", containsString("reads column 'prise'"));
        broken.set(4, "unit_price==system('rm -rf /')");
        rebated(dataset, broken).post("/uploads").then().statusCode(400)
                .body("errors[0].field", equalTo("mapping.unit_price"))
                .body("errors[0].message", containsString("unknown function 'system'"));
        assertThat(published(dataset)).as("nothing published").isEmpty();
    }

    @Test
    void filesThatCannotBeReadAreRefusedNamingTheProblem() throws Exception {
        String dataset = TestCatalog.defineOrderLines(json, schemas);
        upload(dataset).body("order_id,product_id\n10248,\"11\n".getBytes(StandardCharsets.UTF_8)).post("/uploads")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("file")).body("errors[0].message", containsString("malformed CSV"));
        upload(dataset).body("order_id,product_id\n10248,\"11\"x\n".getBytes(StandardCharsets.UTF_8)).post("/uploads")
                .then().statusCode(400).body("errors[0].field", equalTo("file"));

        byte[] gbk = (CHINESE_HEADER + "\n").getBytes(Charset.forName("GBK"));
        upload(dataset).queryParam("encoding", "UTF-8").body(gbk).post("/uploads").then().statusCode(400)
                .body("errors[0].field", equalTo("encoding"))
                .body("errors[0].message", containsString("not valid UTF-8"));
        upload(dataset).queryParam("encoding", "latin9").body(gbk).post("/uploads").then().statusCode(400)
                .body("errors[0].field", equalTo("encoding"));

        byte[] tooBig = new byte[1_000_001];
        java.util.Arrays.fill(tooBig, (byte) 'a');
        upload(dataset).body(tooBig).post("/uploads").then().statusCode(413)
                .contentType("application/problem+json");

        upload(dataset).body(new byte[0]).post("/uploads").then().statusCode(400);
        upload(dataset).queryParam("map", "no_such_field=x").body("a,b\n1,2\n".getBytes(StandardCharsets.UTF_8))
                .post("/uploads").then().statusCode(400).body("errors[0].field", equalTo("mapping.no_such_field"));
        upload(dataset).queryParam("delimiter", ";;").body("a\n1\n".getBytes(StandardCharsets.UTF_8))
                .post("/uploads").then().statusCode(400).body("errors[0].field", equalTo("delimiter"));
        upload("no_such_dataset_x").body("a\n1\n".getBytes(StandardCharsets.UTF_8)).post("/uploads").then()
                .statusCode(404);
        upload(dataset).body("a,a\n1,2\n".getBytes(StandardCharsets.UTF_8)).post("/uploads").then()
                .statusCode(400).body("errors[0].message", containsString("appears twice"));
    }

    @Test
    void multipartUploadsAndOtherDelimitersWork() throws Exception {
        String dataset = TestCatalog.defineOrderLines(json, schemas);
        String csv = "order_id;product_id;customer_id;order_date;unit_price;quantity\n"
                + "10248;11;\"VI;NET\";04.07.1996;14,50;12\n";
        String id = given().auth().oauth2(STEWARD).queryParam("dataset", dataset).queryParam("delimiter", ";")
                .queryParam("decimalComma", true).queryParam("dateFormat", "dd.MM.yyyy")
                .multiPart("file", "orders.csv", csv.getBytes(StandardCharsets.UTF_8), "text/csv")
                .post("/uploads").then().statusCode(202).body("fileName", equalTo("orders.csv")).extract().path("id");
        assertThat(awaitDone(id).getInt("rowsSucceeded")).isEqualTo(1);
        assertThat(published(dataset)).containsEntry("10248|11", new TreeMap<>(Map.of("order_id", "10248",
                "product_id", "11", "customer_id", "VI;NET", "order_date", "1996-07-04", "unit_price", "14.5",
                "quantity", "12")));
        given().auth().oauth2(Tokens.token("another-steward", java.util.Set.of("steward"), java.util.Set.of("sales")))
                .get("/uploads/" + id).then().statusCode(403);
        given().auth().oauth2(Tokens.admin()).get("/uploads/" + id).then().statusCode(200);
    }
}
