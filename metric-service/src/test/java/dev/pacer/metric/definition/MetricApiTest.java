package dev.pacer.metric.definition;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

import dev.pacer.events.Topics;
import dev.pacer.metric.Northwind;
import dev.pacer.testing.KafkaTestClient;
import dev.pacer.testing.PacerTestStack;
import dev.pacer.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@PacerTestStack
class MetricApiTest {
    private static final String STEWARD = Tokens.withRole("steward", "finance");
    private static final String VIEWER = Tokens.withRole("viewer", "sales");

    private String run;
    private String dataset;

    @BeforeEach
    void defineOrderLines() {
        run = UUID.randomUUID().toString().substring(0, 8);
        dataset = "orders_" + run;
        given().auth().oauth2(STEWARD).contentType("application/json").body(Northwind.dataset(dataset))
                .post("/datasets").then().statusCode(201);
    }

    private Map<String, Object> base(String kind) {
        Map<String, Object> d = new HashMap<>();
        d.put("name", "Metric " + kind);
        d.put("description", "What it counts");
        d.put("unit", "USD");
        d.put("direction", "HIGHER_IS_BETTER");
        d.put("ownerDepartment", "finance");
        d.put("steward", "alice");
        d.put("kind", kind);
        return d;
    }

    private Map<String, Object> simple(String aggregation, String expression) {
        Map<String, Object> d = base("SIMPLE");
        d.put("dataset", dataset);
        d.put("aggregation", aggregation);
        d.put("expression", expression);
        return d;
    }

    private String create(String name, Map<String, Object> definition) {
        String key = name + "_" + run;
        given().auth().oauth2(STEWARD).contentType("application/json")
                .body(Map.of("key", key, "definition", definition))
                .post("/metrics").then().statusCode(201).header("ETag", equalTo("\"1\""))
                .body("status", equalTo("DRAFT"));
        return key;
    }

    @Test
    void everyKindOfTheBriefCanBeDefinedAndLineageFollowsTheReferences() {
        Map<String, Object> revenueDef = simple("SUM", "unit_price * quantity");
        revenueDef.put("dimensions", List.of("customer_id"));
        String revenue = create("revenue", revenueDef);
        Map<String, Object> firstSeen = base("FIRST_SEEN");
        firstSeen.put("dataset", dataset);
        firstSeen.put("entity", "customer_id");
        create("new_customers", firstSeen);
        Map<String, Object> repeat = base("ENTITY_COUNT");
        repeat.put("dataset", dataset);
        repeat.put("entity", "customer_id");
        repeat.put("entityCondition", Map.of("aggregation", "COUNT_DISTINCT", "expression", "order_id",
                "operator", ">=", "value", 2));
        String repeaters = create("repeat_customers", repeat);
        Map<String, Object> ordering = base("ENTITY_COUNT");
        ordering.put("dataset", dataset);
        ordering.put("entity", "customer_id");
        ordering.put("entityCondition", Map.of("aggregation", "COUNT", "operator", ">=", "value", 1));
        String orderers = create("ordering_customers", ordering);
        Map<String, Object> ratio = base("RATIO");
        ratio.put("numerator", repeaters);
        ratio.put("denominator", orderers);
        ratio.put("rounding", Map.of("scale", 4, "mode", "HALF_EVEN"));
        String rate = create("repeat_rate", ratio);
        Map<String, Object> growth = base("DERIVED");
        growth.put("formula", revenue + " / last_year(" + revenue + ") - 1");
        String growthKey = create("revenue_growth", growth);
        Map<String, Object> ytd = base("CUMULATIVE");
        ytd.put("base", revenue);
        ytd.put("window", "YTD");
        create("revenue_ytd", ytd);

        given().auth().oauth2(VIEWER).get("/metrics/" + rate + "/lineage").then().statusCode(200)
                .body("upstream", hasItems(repeaters, orderers)).body("downstream.size()", equalTo(0));
        given().auth().oauth2(VIEWER).get("/metrics/" + revenue + "/lineage").then().statusCode(200)
                .body("dataset", equalTo(dataset))
                .body("fields", hasItems("unit_price", "quantity", "customer_id"))
                .body("downstream", hasItems(growthKey, "revenue_ytd_" + run));
        given().auth().oauth2(VIEWER).queryParam("q", run).queryParam("kind", "RATIO").get("/metrics").then()
                .statusCode(200).body("items.key", equalTo(List.of(rate)));
    }

    @Test
    void badExpressionsAreNamedWithWhatIsWrong() {
        Map<String, Object> d = simple("SUM", "unit_price * ship_country_x");
        d.put("filter", "quantity");
        d.put("dimensions", List.of("nope"));
        given().auth().oauth2(STEWARD).contentType("application/json")
                .body(Map.of("key", "broken_" + run, "definition", d))
                .post("/metrics").then().statusCode(400)
                .body("errors.field", hasItems("definition.expression", "definition.filter", "definition.dimensions[0]"))
                .body("errors.message", hasItem(containsString("unknown field 'ship_country_x'")));
        given().auth().oauth2(STEWARD).get("/metrics/broken_" + run).then().statusCode(404);
    }

    @Test
    void aCycleOfDerivedMetricsIsRefused() {
        String revenue = create("revenue", simple("SUM", "unit_price * quantity"));
        Map<String, Object> a = base("DERIVED");
        a.put("formula", revenue + " * 2");
        String doubled = create("doubled", a);
        Map<String, Object> b = base("DERIVED");
        b.put("formula", doubled + " / 2");
        String halved = create("halved", b);
        Map<String, Object> loop = base("DERIVED");
        loop.put("formula", halved + " * 2");
        given().auth().oauth2(STEWARD).contentType("application/json").header("If-Match", "\"1\"")
                .body(Map.of("definition", loop, "reason", "loop")).put("/metrics/" + doubled).then().statusCode(400)
                .body("errors[0].field", equalTo("definition.formula"))
                .body("errors[0].message", containsString("cycle: " + doubled + " → " + halved + " → " + doubled));
    }

    @Test
    void changesMakeVersionsThatCanBeListedAndDiffed() {
        String key = create("revenue", simple("SUM", "unit_price * quantity"));
        given().auth().oauth2(STEWARD).contentType("application/json").header("If-Match", "\"1\"")
                .body(Map.of("definition", simple("SUM", "unit_price * quantity * 0.9"), "reason", "net of tax",
                        "effectiveDate", "2026-01-01"))
                .put("/metrics/" + key).then().statusCode(200).header("ETag", equalTo("\"2\""));
        given().auth().oauth2(STEWARD).contentType("application/json").header("If-Match", "\"2\"")
                .body(Map.of("status", "CERTIFIED", "reason", "reviewed"))
                .post("/metrics/" + key + "/lifecycle").then().statusCode(200).body("status", equalTo("CERTIFIED"))
                .body("version", equalTo(3));

        given().auth().oauth2(VIEWER).get("/metrics/" + key + "/versions").then().statusCode(200)
                .body("version", equalTo(List.of(1, 2, 3)))
                .body("reason", equalTo(List.of("created", "net of tax", "reviewed")))
                .body("[1].effectiveDate", equalTo("2026-01-01"))
                .body("[2].status", equalTo("CERTIFIED"));
        given().auth().oauth2(VIEWER).queryParam("from", 1).queryParam("to", 2).get("/metrics/" + key + "/diff").then()
                .statusCode(200).body("changes.field", equalTo(List.of("expression")))
                .body("changes[0].after", equalTo("unit_price * quantity * 0.9"));

        var catalog = KafkaTestClient.poll(Topics.CATALOG, rs -> rs.stream()
                .filter(r -> ("metric:" + key).equals(r.key())).count() == 3, Duration.ofSeconds(30));
        assertThat(catalog).filteredOn(r -> ("metric:" + key).equals(r.key())).last()
                .satisfies(r -> assertThat(r.value()).contains("\"status\":\"CERTIFIED\"").contains("\"version\":3"));
    }

    @Test
    void onlyStewardsAndAdminsWriteAndLifecycleOnlyMovesForward() {
        given().auth().oauth2(VIEWER).contentType("application/json")
                .body(Map.of("key", "nope_" + run, "definition", simple("COUNT", null)))
                .post("/metrics").then().statusCode(403);
        given().auth().oauth2(Tokens.withRole("manager", "finance")).contentType("application/json")
                .body(Map.of("key", "nope_" + run, "definition", simple("COUNT", null)))
                .post("/metrics").then().statusCode(403);
        String key = create("orders", simple("COUNT", null));
        given().auth().oauth2(STEWARD).contentType("application/json").header("If-Match", "\"1\"")
                .body(Map.of("status", "DEPRECATED", "reason", "unused"))
                .post("/metrics/" + key + "/lifecycle").then().statusCode(200);
        given().auth().oauth2(STEWARD).contentType("application/json").header("If-Match", "\"2\"")
                .body(Map.of("status", "CERTIFIED", "reason", "oops"))
                .post("/metrics/" + key + "/lifecycle").then().statusCode(409)
                .body("type", containsString("invalid-transition"));
    }

    @Test
    void aDatasetChangeThatWouldBreakAMetricIsRefusedNamingTheMetric() {
        String key = create("revenue", simple("SUM", "unit_price * quantity"));
        @SuppressWarnings("unchecked")
        Map<String, Object> def = new HashMap<>((Map<String, Object>) Northwind.dataset(dataset).get("definition"));
        def.put("fields", List.of(
                Map.of("name", "order_id", "type", "INTEGER", "required", true),
                Map.of("name", "product_id", "type", "INTEGER", "required", true),
                Map.of("name", "customer_id", "type", "STRING", "required", true),
                Map.of("name", "order_date", "type", "DATE", "required", true),
                Map.of("name", "unit_price", "type", "STRING", "required", true)));
        given().auth().oauth2(STEWARD).contentType("application/json").header("If-Match", "\"1\"")
                .body(Map.of("definition", def, "reason", "retype")).put("/datasets/" + dataset).then()
                .statusCode(409).body("type", containsString("breaking-change"))
                .body("errors.message", hasItem(containsString("metric '" + key + "' uses field 'unit_price'")))
                .body("errors.message", hasItem(containsString("quantity")));
        given().auth().oauth2(STEWARD).get("/datasets/" + dataset).then().body("version", equalTo(1));
    }

    @Test
    void aRestrictedMetricIsHiddenFromOtherDepartments() {
        Map<String, Object> d = simple("SUM", "unit_price * quantity");
        d.put("restrictedTo", List.of("finance"));
        String key = create("margin", d);
        given().auth().oauth2(VIEWER).get("/metrics/" + key).then().statusCode(403);
        given().auth().oauth2(Tokens.withRole("viewer", "finance")).get("/metrics/" + key).then().statusCode(200);
        given().auth().oauth2(VIEWER).queryParam("q", run).get("/metrics").then().statusCode(200)
                .body("items.key", not(hasItem(key)));
        given().auth().oauth2(VIEWER).get("/metrics/" + key + "/versions").then().statusCode(403);
        given().auth().oauth2(VIEWER).get("/metrics/" + key + "/lineage").then().statusCode(403);
    }

    @Test
    void freshnessIsAnIsoDuration() {
        Map<String, Object> d = simple("COUNT", null);
        d.put("freshness", "P1D");
        String key = create("fresh", d);
        given().auth().oauth2(VIEWER).get("/metrics/" + key).then().statusCode(200)
                .body("definition.freshness", equalTo("PT24H"));
        d.put("freshness", "tomorrow");
        given().auth().oauth2(STEWARD).contentType("application/json")
                .body(Map.of("key", "stale_" + run, "definition", d)).post("/metrics").then().statusCode(400)
                .body("errors[0].field", equalTo("definition.freshness"));
    }
}
