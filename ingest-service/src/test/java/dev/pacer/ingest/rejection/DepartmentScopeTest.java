package dev.pacer.ingest.rejection;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pacer.ingest.SourceClient;
import dev.pacer.ingest.TestCatalog;
import dev.pacer.ingest.TestDatasets;
import dev.pacer.ingest.catalog.DatasetSchemas;
import dev.pacer.testing.PacerTestStack;
import dev.pacer.testing.Tokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Uploads and the quarantine respect departments as sources do: 403 for another's, filtered lists, admins see all. */
@QuarkusTest
@PacerTestStack
class DepartmentScopeTest {
    private static final String SALES = Tokens.withRole("steward", "sales");
    private static final String FINANCE = Tokens.withRole("steward", "finance");
    private static final String INTEGRATION = Tokens.withRole("integration");
    private static final String BAD_LINE = "[{\"order_id\": 10248, \"product_id\": 42, \"customer_id\": \"VINET\", "
            + "\"order_date\": \"1996-07-04\", \"unit_price\": \"9.80\", \"quantity\": 10}]";

    @Inject
    ObjectMapper json;
    @Inject
    DatasetSchemas schemas;
    @Inject
    AgroalDataSource dataSource;

    /** An order-lines dataset owned by a department. */
    private String dataset(String department) {
        String key = TestCatalog.newDatasetKey();
        Map<String, Object> definition = TestDatasets.orderLines(key, 1);
        definition.put("ownerDepartment", department);
        TestCatalog.send(json, TestCatalog.dataset(key, 1, definition));
        TestCatalog.awaitSchema(schemas, key, 1);
        return key;
    }

    /** Pushes a record the dataset refuses and returns the id of its rejection. */
    private long rejectedPush(String dataset) {
        given().auth().oauth2(INTEGRATION).contentType("application/json").body(BAD_LINE).post("/ingest/" + dataset)
                .then().statusCode(200).body("rejected", equalTo(1));
        Number id = given().auth().oauth2(Tokens.admin()).queryParam("dataset", dataset).get("/rejections").then()
                .statusCode(200).body("items.size()", equalTo(1)).extract().path("items[0].id");
        return id.longValue();
    }

    @Test
    void aStewardNeitherListsNorReadsNorFixesNorReplaysAnotherDepartmentsRejections() {
        String finance = dataset("finance");
        long id = rejectedPush(finance);

        given().auth().oauth2(SALES).queryParam("dataset", finance).get("/rejections").then().statusCode(200)
                .body("items.size()", equalTo(0));
        given().auth().oauth2(SALES).get("/rejections").then().statusCode(200)
                .body("items.id", not(hasItem((int) id)));
        given().auth().oauth2(SALES).get("/rejections/" + id).then().statusCode(403)
                .contentType("application/problem+json");
        given().auth().oauth2(SALES).contentType("application/json")
                .body(Map.of("record", Map.of("order_id", 10248))).put("/rejections/" + id).then().statusCode(403);
        given().auth().oauth2(SALES).post("/rejections/" + id + "/replay").then().statusCode(403);
        given().auth().oauth2(Tokens.withRole("steward")).get("/rejections/" + id).then().statusCode(403);

        given().auth().oauth2(FINANCE).queryParam("dataset", finance).get("/rejections").then().statusCode(200)
                .body("items.size()", equalTo(1)).body("items[0].id", equalTo((int) id));
        given().auth().oauth2(FINANCE).get("/rejections/" + id).then().statusCode(200);
        given().auth().oauth2(Tokens.admin()).get("/rejections/" + id).then().statusCode(200);
        given().auth().oauth2(FINANCE).post("/rejections/" + id + "/replay").then().statusCode(422);
        given().auth().oauth2(INTEGRATION).get("/rejections/" + id).then().statusCode(403);
    }

    @Test
    void aSourcesStewardSeesTheRejectionsOfTheirSourceInAnotherDepartmentsDataset() throws Exception {
        String finance = dataset("finance");
        Map<String, Object> jdbc = SourceClient.jdbc("jdbc:postgresql://127.0.0.1:5432/pacer_test", "postgres", null,
                "select 1 as order_id", "FULL_REFRESH");
        String sourceId = new SourceClient(SALES).create(SourceClient.jdbcSource("source " + UUID.randomUUID(),
                finance, jdbc));
        long id;
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "insert into ingest.rejection (dataset, source, record_index, payload, reason, received_at) "
                        + "values (?, ?, 0, '{\"order_id\": 1}', 'product_id is required', ?) returning id")) {
            ps.setString(1, finance);
            ps.setString(2, "source:" + sourceId);
            ps.setObject(3, OffsetDateTime.now());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                id = rs.getLong(1);
            }
        }
        given().auth().oauth2(SALES).queryParam("dataset", finance).get("/rejections").then().statusCode(200)
                .body("items.id", hasItem((int) id));
        given().auth().oauth2(SALES).get("/rejections/" + id).then().statusCode(200);
        given().auth().oauth2(FINANCE).get("/rejections/" + id).then().statusCode(200);
        given().auth().oauth2(Tokens.withRole("steward", "hr")).get("/rejections/" + id).then().statusCode(403);
    }

    @Test
    void aStewardUploadsOnlyIntoDatasetsOfTheirDepartments() {
        String finance = dataset("finance");
        byte[] csv = ("order_id,product_id,customer_id,order_date,unit_price,quantity\n"
                + "10248,11,VINET,1996-07-04,14.00,12\n").getBytes(StandardCharsets.UTF_8);
        given().auth().oauth2(SALES).queryParam("dataset", finance).contentType("text/csv").body(csv)
                .post("/uploads").then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(SALES).queryParam("dataset", finance).contentType("text/csv").body(csv)
                .post("/uploads/preview").then().statusCode(403);
        String id = given().auth().oauth2(FINANCE).queryParam("dataset", finance).contentType("text/csv").body(csv)
                .post("/uploads").then().statusCode(202).extract().path("id");
        given().auth().oauth2(INTEGRATION).queryParam("dataset", finance).contentType("text/csv").body(csv)
                .post("/uploads").then().statusCode(202);
        given().auth().oauth2(Tokens.admin()).queryParam("dataset", finance).contentType("text/csv").body(csv)
                .post("/uploads").then().statusCode(202);

        given().auth().oauth2(FINANCE).get("/uploads/" + id).then().statusCode(200);
        given().auth().oauth2(FINANCE).get("/uploads/" + id + "/rows").then().statusCode(200);
        // the same subject ("steward") once moved to sales: the department check is made on every read
        given().auth().oauth2(SALES).get("/uploads/" + id).then().statusCode(403);
        given().auth().oauth2(SALES).get("/uploads/" + id + "/rows").then().statusCode(403);
        given().auth().oauth2(Tokens.token("other-steward", Set.of("steward"), Set.of("finance")))
                .get("/uploads/" + id).then().statusCode(403);
        given().auth().oauth2(Tokens.admin()).get("/uploads/" + id).then().statusCode(200);
    }
}
