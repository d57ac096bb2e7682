package dev.pacer.metric.dataset;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;

import dev.pacer.events.Topics;
import dev.pacer.metric.Northwind;
import dev.pacer.testing.KafkaTestClient;
import dev.pacer.testing.PacerTestStack;
import dev.pacer.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

@QuarkusTest
@PacerTestStack
class DatasetApiTest {
    private static final String STEWARD = Tokens.withRole("steward", "finance");
    private static final String VIEWER = Tokens.withRole("viewer", "sales");

    static Map<String, Object> orderLines(String key) {
        return Northwind.dataset(key);
    }

    private static String newKey() {
        return "orders_" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void aStewardDefinesADatasetAndItIsPublishedToTheCatalog() {
        String key = newKey();
        given().auth().oauth2(STEWARD).contentType("application/json").body(orderLines(key))
                .post("/datasets").then().statusCode(201)
                .header("Location", containsString("/datasets/" + key))
                .header("ETag", equalTo("\"1\""))
                .body("version", equalTo(1))
                .body("definition.primaryKey", hasItems("order_id", "product_id"));

        given().auth().oauth2(VIEWER).get("/datasets/" + key).then().statusCode(200)
                .body("key", equalTo(key)).body("createdBy", notNullValue());

        List<ConsumerRecord<String, String>> catalog = KafkaTestClient.poll(Topics.CATALOG,
                rs -> rs.stream().anyMatch(r -> ("dataset:" + key).equals(r.key())), Duration.ofSeconds(30));
        assertThat(catalog).filteredOn(r -> ("dataset:" + key).equals(r.key())).singleElement()
                .satisfies(r -> assertThat(r.value()).contains("dev.pacer.catalog.changed.v1").contains("order_date"));
    }

    @Test
    void aDefinitionThatContradictsItselfNamesEachBadField() {
        Map<String, Object> body = Map.of("key", newKey(), "definition", Map.of(
                "name", "Broken",
                "fields", List.of(Map.of("name", "id", "type", "STRING", "required", true),
                        Map.of("name", "amount", "type", "DECIMAL", "required", false)),
                "primaryKey", List.of("nope"),
                "eventTimeField", "amount",
                "ownerDepartment", "sales",
                "sourceSystem", "crm"));
        given().auth().oauth2(STEWARD).contentType("application/json").body(body)
                .post("/datasets").then().statusCode(400)
                .contentType(containsString("application/problem+json"))
                .body("errors.field", hasItems("definition.primaryKey[0]", "definition.eventTimeField"));
    }

    @Test
    void missingAndMalformedFieldsAreNamed() {
        given().auth().oauth2(STEWARD).contentType("application/json")
                .body(Map.of("key", "Not A Key", "definition", Map.of("name", "")))
                .post("/datasets").then().statusCode(400)
                .body("errors.field", hasItems("key", "definition.name", "definition.fields",
                        "definition.primaryKey", "definition.eventTimeField"));
    }

    @Test
    void anUnknownFieldTypeIsNamed() {
        Map<String, Object> body = Map.of("key", newKey(), "definition", Map.of("name", "x",
                "fields", List.of(Map.of("name", "id", "type", "MONEY", "required", true))));
        given().auth().oauth2(STEWARD).contentType("application/json").body(body)
                .post("/datasets").then().statusCode(400)
                .body("errors[0].field", equalTo("definition.fields[0].type"))
                .body("errors[0].message", containsString("STRING"));
    }

    @Test
    void aSecondDatasetWithTheSameKeyIsAConflictAndChangesNothing() {
        String key = newKey();
        given().auth().oauth2(STEWARD).contentType("application/json").body(orderLines(key))
                .post("/datasets").then().statusCode(201);
        given().auth().oauth2(STEWARD).contentType("application/json").body(orderLines(key))
                .post("/datasets").then().statusCode(409);
        given().auth().oauth2(STEWARD).get("/datasets/" + key).then().body("version", equalTo(1));
    }

    @Test
    void anUpdateNeedsTheCurrentETag() {
        String key = newKey();
        given().auth().oauth2(STEWARD).contentType("application/json").body(orderLines(key))
                .post("/datasets").then().statusCode(201);
        Map<String, Object> change = Map.of("definition", orderLines(key).get("definition"), "reason", "more fields");

        given().auth().oauth2(STEWARD).contentType("application/json").body(change)
                .put("/datasets/" + key).then().statusCode(428);
        given().auth().oauth2(STEWARD).contentType("application/json").header("If-Match", "\"1\"").body(change)
                .put("/datasets/" + key).then().statusCode(200).header("ETag", equalTo("\"2\""))
                .body("version", equalTo(2));
        given().auth().oauth2(STEWARD).contentType("application/json").header("If-Match", "\"1\"").body(change)
                .put("/datasets/" + key).then().statusCode(412)
                .contentType(containsString("application/problem+json"));
    }

    @Test
    void onlyStewardsAndAdminsWriteAndEveryoneMustAuthenticate() {
        given().contentType("application/json").body(orderLines(newKey())).post("/datasets").then().statusCode(401);
        given().auth().oauth2(VIEWER).contentType("application/json").body(orderLines(newKey()))
                .post("/datasets").then().statusCode(403);
        given().auth().oauth2(Tokens.withRole("manager", "sales")).contentType("application/json")
                .body(orderLines(newKey())).post("/datasets").then().statusCode(403);
        given().auth().oauth2(Tokens.admin()).contentType("application/json").body(orderLines(newKey()))
                .post("/datasets").then().statusCode(201);
        given().get("/datasets").then().statusCode(401);
    }

    @Test
    void listsArePagedWithACursor() {
        for (int i = 0; i < 3; i++) {
            given().auth().oauth2(STEWARD).contentType("application/json").body(orderLines(newKey()))
                    .post("/datasets").then().statusCode(201);
        }
        String next = given().auth().oauth2(VIEWER).queryParam("limit", 2).get("/datasets").then().statusCode(200)
                .body("items.size()", equalTo(2)).extract().path("next");
        assertThat(next).isNotBlank();
        given().auth().oauth2(VIEWER).queryParam("limit", 2).queryParam("cursor", next).get("/datasets").then()
                .statusCode(200).body("items.key", hasItem(notNullValue()));
        given().auth().oauth2(VIEWER).queryParam("limit", 0).get("/datasets").then().statusCode(400)
                .body("errors[0].field", equalTo("limit"));
        given().auth().oauth2(VIEWER).queryParam("cursor", "%%%").get("/datasets").then().statusCode(400)
                .body("errors[0].field", equalTo("cursor"));
    }

    @Test
    void anUnknownDatasetIs404() {
        given().auth().oauth2(VIEWER).get("/datasets/nope_nope").then().statusCode(404)
                .contentType(containsString("application/problem+json"));
    }
}
