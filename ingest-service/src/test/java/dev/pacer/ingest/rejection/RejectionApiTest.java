package dev.pacer.ingest.rejection;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pacer.events.Topics;
import dev.pacer.ingest.TestCatalog;
import dev.pacer.ingest.TopicReader;
import dev.pacer.ingest.catalog.DatasetSchemas;
import dev.pacer.testing.PacerTestStack;
import dev.pacer.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@PacerTestStack
class RejectionApiTest {
    private static final String STEWARD = Tokens.withRole("steward", "sales");

    @Inject
    ObjectMapper json;
    @Inject
    DatasetSchemas schemas;

    @Test
    void aRejectedRecordIsFixedAndReplayedOnce() throws Exception {
        String dataset = TestCatalog.defineOrderLines(json, schemas);
        given().auth().oauth2(Tokens.withRole("integration")).contentType("application/json")
                .body("[{\"order_id\": 10248, \"product_id\": 42, \"customer_id\": \"VINET\", "
                        + "\"order_date\": \"1996-07-04\", \"unit_price\": \"9.80\", \"quantity\": 10}]")
                .post("/ingest/" + dataset).then().statusCode(200).body("rejected", equalTo(1));

        var list = given().auth().oauth2(STEWARD).queryParam("dataset", dataset).queryParam("source", "push")
                .get("/rejections").then().statusCode(200)
                .body("items.size()", equalTo(1))
                .body("items[0].primaryKey", equalTo("10248|42"))
                .body("items[0].record.unit_price", equalTo("9.80"))
                .body("items[0].reason", containsString("unit_price"))
                .extract().jsonPath();
        long id = list.getLong("items[0].id");

        given().auth().oauth2(STEWARD).post("/rejections/" + id + "/replay").then().statusCode(422)
                .contentType("application/problem+json").body("detail", containsString("unit_price"));

        Map<String, Object> fixed = Map.of("order_id", 10248, "product_id", 42, "customer_id", "VINET",
                "order_date", "1996-07-04", "unit_price", new java.math.BigDecimal("9.80"), "quantity", 10);
        given().auth().oauth2(STEWARD).contentType("application/json").body(Map.of("record", fixed))
                .put("/rejections/" + id).then().statusCode(200).body("record.unit_price", equalTo(9.80f));
        given().auth().oauth2(STEWARD).post("/rejections/" + id + "/replay").then().statusCode(200)
                .body("primaryKey", equalTo("10248|42"));

        List<JsonNode> records = TopicReader.readToEnd(Topics.RECORDS).stream()
                .filter(r -> r.key().equals(dataset + ":10248|42")).map(r -> {
                    try {
                        return json.readTree(r.value()).path("data");
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }).toList();
        assertThat(records).hasSize(1);
        assertThat(records.get(0).path("fields").path("unit_price").decimalValue()).isEqualByComparingTo("9.80");

        given().auth().oauth2(STEWARD).get("/rejections/" + id).then().statusCode(404);
        given().auth().oauth2(STEWARD).post("/rejections/" + id + "/replay").then().statusCode(404);
        given().auth().oauth2(Tokens.withRole("integration")).get("/rejections").then().statusCode(403);
        given().auth().oauth2(STEWARD).contentType("application/json").body("{}").put("/rejections/" + id).then()
                .statusCode(400);
    }
}
