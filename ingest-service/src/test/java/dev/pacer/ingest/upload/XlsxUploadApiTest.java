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
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/** Uploading Northwind's order lines as an Excel workbook written by POI in the test: the same records as the CSV. */
@QuarkusTest
@PacerTestStack
class XlsxUploadApiTest {
    private static final Path ORDERS_FLAT = Path.of(System.getProperty("pacer.datasets", "/work/shared/datasets"),
            "northwind", "orders_flat.csv");
    private static final int ORDER_LINES = 2155;
    private static final String STEWARD = Tokens.withRole("steward", "sales");
    /** Columns of orders_flat.csv written as number cells, and as date cells. */
    private static final Set<Integer> NUMBERS = Set.of(0, 2, 7, 8, 9, 10);
    private static final Set<Integer> DATES = Set.of(3, 4, 5);

    @Inject
    ObjectMapper json;
    @Inject
    DatasetSchemas schemas;

    private static List<String> csvLines() throws Exception {
        return Files.readString(ORDERS_FLAT, StandardCharsets.UTF_8).lines().toList();
    }

    /**
     * orders_flat.csv as a workbook: sheet "Orders" after a sheet "Readme", numbers and dates as typed cells, the
     * header in row 1; {@code edit} may change a data row's cells (0-based data row, the row).
     */
    private static byte[] ordersWorkbook(int emptyRowAfter, BiConsumer<Integer, Row> edit) throws Exception {
        List<String> lines = csvLines();
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            wb.createSheet("Readme").createRow(0).createCell(0).setCellValue("Exported from Northwind");
            Sheet sheet = wb.createSheet("Orders");
            CellStyle date = wb.createCellStyle();
            date.setDataFormat(wb.getCreationHelper().createDataFormat().getFormat("dd.mm.yyyy"));
            int sheetRow = 0;
            for (int i = 0; i < lines.size(); i++) {
                String[] c = lines.get(i).split(",", -1);
                Row row = sheet.createRow(sheetRow++);
                for (int col = 0; col < c.length; col++) {
                    if (c[col].isEmpty()) {
                        continue; // a blank cell
                    }
                    if (i == 0 || !(NUMBERS.contains(col) || DATES.contains(col))) {
                        row.createCell(col).setCellValue(c[col]);
                    } else if (NUMBERS.contains(col)) {
                        row.createCell(col).setCellValue(Double.parseDouble(c[col]));
                    } else {
                        row.createCell(col).setCellValue(LocalDate.parse(c[col]));
                        row.getCell(col).setCellStyle(date);
                    }
                }
                if (i > 0) {
                    edit.accept(i - 1, row);
                }
                if (i == emptyRowAfter) {
                    sheetRow++; // an empty sheet row, skipped
                }
            }
            wb.write(out);
            return out.toByteArray();
        }
    }

    private JsonPath awaitDone(String id) {
        Instant deadline = Instant.now().plusSeconds(60);
        while (true) {
            JsonPath job = given().auth().oauth2(STEWARD).get("/uploads/" + id).then().statusCode(200).extract()
                    .jsonPath();
            String status = job.getString("status");
            if (status.equals("SUCCEEDED") || status.equals("FAILED")) {
                assertThat(status).as(job.prettify()).isEqualTo("SUCCEEDED");
                return job;
            }
            assertThat(Instant.now()).as("upload %s done in time", id).isBefore(deadline);
            TestCatalog.sleep(100);
        }
    }

    private String uploadXlsx(String dataset, byte[] xlsx, String sheet) {
        return given().auth().oauth2(STEWARD).queryParam("dataset", dataset).queryParam("sheet", sheet)
                .queryParam("fileName", "orders.xlsx").contentType(XlsxFile.MEDIA_TYPE).body(xlsx).post("/uploads")
                .then().statusCode(202).header("Location", containsString("/uploads/"))
                .body("format", equalTo("XLSX")).body("fileName", equalTo("orders.xlsx")).extract().path("id");
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

    @Test
    void aWorkbookYieldsTheSameRecordsAsTheCsv() throws Exception {
        String csvDataset = TestCatalog.defineOrderLines(json, schemas);
        String csvId = given().auth().oauth2(STEWARD).queryParam("dataset", csvDataset).contentType("text/csv")
                .body(Files.readAllBytes(ORDERS_FLAT)).post("/uploads").then().statusCode(202).extract().path("id");
        assertThat(awaitDone(csvId).getInt("rowsSucceeded")).isEqualTo(ORDER_LINES);

        String xlsxDataset = TestCatalog.defineOrderLines(json, schemas);
        String id = uploadXlsx(xlsxDataset, ordersWorkbook(-1, (i, row) -> { }), "Orders");
        JsonPath job = awaitDone(id);
        assertThat(job.getInt("rowsTotal")).isEqualTo(ORDER_LINES);
        assertThat(job.getInt("rowsSucceeded")).isEqualTo(ORDER_LINES);
        assertThat(job.getInt("rowsFailed")).isZero();
        assertThat(job.getString("format")).isEqualTo("XLSX");

        Map<String, Map<String, String>> fromXlsx = published(xlsxDataset);
        assertThat(fromXlsx).hasSize(ORDER_LINES).isEqualTo(published(csvDataset));
        assertThat(fromXlsx.get("10248|11")).containsEntry("order_date", "1996-07-04").containsEntry("unit_price", "14")
                .containsEntry("customer_id", "VINET");

        given().auth().oauth2(STEWARD).queryParam("limit", 1).get("/uploads/" + id + "/rows").then().statusCode(200)
                .body("items[0].row", equalTo(1)).body("items[0].line", equalTo(2))
                .body("items[0].primaryKey", equalTo("10248|11"));
    }

    @Test
    void brokenRowsAreReportedByRowAndSheetRow() throws Exception {
        byte[] xlsx = ordersWorkbook(50, (i, row) -> {
            switch (i + 1) {
                case 5 -> row.getCell(9).setCellValue("twelve");
                case 100 -> row.getCell(3).setCellValue("1996-13-45");
                case 2000 -> row.removeCell(row.getCell(1));
                default -> { }
            }
        });
        String dataset = TestCatalog.defineOrderLines(json, schemas);
        String id = given().auth().oauth2(STEWARD).queryParam("dataset", dataset)
                .multiPart("file", "orders.xlsx", xlsx, XlsxFile.MEDIA_TYPE).queryParam("sheet", "Orders")
                .post("/uploads").then().statusCode(202).body("fileName", equalTo("orders.xlsx")).extract().path("id");
        JsonPath job = awaitDone(id);
        assertThat(job.getInt("rowsTotal")).as("the empty sheet row is skipped").isEqualTo(ORDER_LINES);
        assertThat(job.getInt("rowsSucceeded")).isEqualTo(ORDER_LINES - 3);
        assertThat(job.getInt("rowsFailed")).isEqualTo(3);

        JsonPath failed = given().auth().oauth2(STEWARD).queryParam("status", "FAILED").get("/uploads/" + id + "/rows")
                .then().statusCode(200).extract().jsonPath();
        assertThat(failed.getList("items.row", Integer.class)).containsExactly(5, 100, 2000);
        assertThat(failed.getList("items.line", Integer.class)).as("sheet rows, after the empty row 51")
                .containsExactly(6, 102, 2002);
        assertThat(failed.getList("items.reason", String.class)).containsExactly(
                "field 'quantity' must be a whole number, not the string \"twelve\"",
                "field 'order_date' is not a date (yyyy-MM-dd): the string \"1996-13-45\"",
                "missing required field 'customer_id'");
        assertThat(published(dataset)).hasSize(ORDER_LINES - 3);
    }

    @Test
    void aFileThatIsNotAWorkbookIsRefusedNamingItAndNothingIsPublished() throws Exception {
        String dataset = TestCatalog.defineOrderLines(json, schemas);
        byte[] csv = Files.readAllBytes(ORDERS_FLAT);
        given().auth().oauth2(STEWARD).queryParam("dataset", dataset).queryParam("fileName", "orders.xlsx")
                .contentType(XlsxFile.MEDIA_TYPE).body(csv).post("/uploads").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("file"))
                .body("errors[0].message", containsString("'orders.xlsx' is not an XLSX workbook"));

        byte[] good = ordersWorkbook(-1, (i, row) -> { });
        given().auth().oauth2(STEWARD).queryParam("dataset", dataset)
                .multiPart("file", "broken.xlsx", Arrays.copyOf(good, good.length / 3), "application/octet-stream")
                .post("/uploads").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("file"))
                .body("errors[0].message", containsString("'broken.xlsx' cannot be read as an XLSX workbook"));

        given().auth().oauth2(STEWARD).queryParam("dataset", dataset).queryParam("sheet", "Sales")
                .multiPart("file", "orders.xlsx", good, XlsxFile.MEDIA_TYPE).post("/uploads").then().statusCode(400)
                .body("errors[0].field", equalTo("sheet"))
                .body("errors[0].message", containsString("[Readme, Orders]"));

        assertThat(published(dataset)).isEmpty();
    }

    @Test
    void theXlsxUploadIsDocumented() {
        var openapi = given().accept("application/json").get("/q/openapi").then().statusCode(200).extract().jsonPath();
        Map<String, Object> content = openapi.getMap("paths.'/uploads'.post.requestBody.content");
        assertThat(content).containsKeys(XlsxFile.MEDIA_TYPE, "text/csv", "multipart/form-data");
        assertThat(openapi.getString("paths.'/uploads'.post.description")).contains("Excel workbook (.xlsx)");
    }
}
