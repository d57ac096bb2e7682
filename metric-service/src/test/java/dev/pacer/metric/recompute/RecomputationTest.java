package dev.pacer.metric.recompute;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pacer.events.CloudEvent;
import dev.pacer.events.EventSources;
import dev.pacer.events.RecordChanged;
import dev.pacer.events.RecordOperation;
import dev.pacer.events.Topics;
import dev.pacer.metric.Northwind;
import dev.pacer.metric.TestRecords;
import dev.pacer.metric.value.ValuesRefreshed;
import dev.pacer.testing.KafkaTestClient;
import dev.pacer.testing.PacerTestStack;
import dev.pacer.testing.Tokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@PacerTestStack
class RecomputationTest {
    private static final String STEWARD = Tokens.withRole("steward", "finance");

    @Inject
    ObjectMapper json;

    @Inject
    AgroalDataSource dataSource;

    private static String recomputationOf(Response r) {
        String link = r.getHeader("Link");
        assertThat(link).contains("rel=\"recomputation\"");
        return link.substring(link.indexOf('<') + 1, link.indexOf('>'));
    }

    private static Map<String, Object> awaitDone(String url) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(60);
        while (true) {
            Map<String, Object> job = given().auth().oauth2(STEWARD).get(url).then().statusCode(200).extract().as(Map.class);
            if ("SUCCEEDED".equals(job.get("status")) || "FAILED".equals(job.get("status"))) {
                return job;
            }
            assertThat(Instant.now()).as("recomputation finished in time").isBefore(deadline);
            Thread.sleep(200);
        }
    }

    private static BigDecimal yearValue(String key) {
        String body = given().auth().oauth2(STEWARD).queryParam("grain", "YEAR").queryParam("from", "1996-01-01")
                .queryParam("to", "1997-01-01").get("/metrics/" + key + "/values").then().statusCode(200)
                .extract().asString();
        List<BigDecimal> values = new JsonPath(body).using(JsonPathConfig.jsonPathConfig()
                .numberReturnType(JsonPathConfig.NumberReturnType.BIG_DECIMAL)).getList("values.value");
        return values.isEmpty() ? null : values.get(0);
    }

    @Test
    void aMetricDefinedAfterTheDataAndEachNewVersionRecomputeHistory() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String dataset = "nw_rc_" + run;
        given().auth().oauth2(STEWARD).contentType("application/json").body(Northwind.dataset(dataset))
                .post("/datasets").then().statusCode(201);
        List<Map.Entry<String, String>> records = new ArrayList<>();
        for (Map<String, Object> line : Northwind.lines().subList(0, 10)) {
            records.add(TestRecords.message(json, dataset, line.get("order_id") + "|" + line.get("product_id"),
                    RecordOperation.UPSERT, "northwind-erp", 1, line));
        }
        KafkaTestClient.sendAll(Topics.RECORDS, records);
        KafkaTestClient.awaitConsumed("metric-service", Topics.RECORDS, Duration.ofSeconds(60));
        ValuesRefreshed.await(dataSource, Duration.ofSeconds(60));

        Map<String, Object> def = new HashMap<>(Map.of("name", "Units", "description", "Units ordered", "unit", "units",
                "direction", "HIGHER_IS_BETTER", "ownerDepartment", "sales", "steward", "alice", "kind", "SIMPLE",
                "dataset", dataset, "aggregation", "SUM"));
        def.put("expression", "quantity");
        String key = "units_" + run;
        Response created = given().auth().oauth2(STEWARD).contentType("application/json")
                .body(Map.of("key", key, "definition", def)).post("/metrics");
        created.then().statusCode(201);
        Map<String, Object> first = awaitDone(recomputationOf(created));
        assertThat(first).containsEntry("status", "SUCCEEDED").containsEntry("metricVersion", 1)
                .containsEntry("phase", "VALUES");
        assertThat(OffsetDateTime.parse((String) first.get("stateBuiltAt"))).as("a SUM keeps a day state")
                .isAfterOrEqualTo(OffsetDateTime.parse((String) first.get("startedAt")))
                .isBeforeOrEqualTo(OffsetDateTime.parse((String) first.get("finishedAt")));
        assertThat((Integer) first.get("valuesChanged")).isPositive();
        // The first ten Northwind lines (orders 10248–10251) order 12+10+5+9+40+10+35+15+6+15 units.
        assertThat(yearValue(key)).isEqualByComparingTo("157");

        def.put("filter", "quantity >= 10");
        Response changed = given().auth().oauth2(STEWARD).contentType("application/json").header("If-Match", "\"1\"")
                .body(Map.of("definition", def, "reason", "small lines excluded")).put("/metrics/" + key);
        changed.then().statusCode(200);
        Map<String, Object> second = awaitDone(recomputationOf(changed));
        assertThat(second).containsEntry("status", "SUCCEEDED").containsEntry("metricVersion", 2)
                .containsEntry("phase", "VALUES");
        assertThat(second.get("stateBuiltAt")).as("the state rebuilt for version 2").isNotNull();

        // a ratio is computed from its parts' values: no day state of its own
        Map<String, Object> ratio = new HashMap<>(Map.of("name", "Units per unit", "description", "Units over units",
                "unit", "ratio", "direction", "HIGHER_IS_BETTER", "ownerDepartment", "sales", "steward", "alice",
                "kind", "RATIO", "numerator", key, "denominator", key));
        Response ratioCreated = given().auth().oauth2(STEWARD).contentType("application/json")
                .body(Map.of("key", "ratio_" + run, "definition", ratio)).post("/metrics");
        ratioCreated.then().statusCode(201);
        Map<String, Object> third = awaitDone(recomputationOf(ratioCreated));
        assertThat(third).containsEntry("status", "SUCCEEDED").containsEntry("phase", "VALUES");
        assertThat(third.get("stateBuiltAt")).isNull();
        assertThat(yearValue(key)).isEqualByComparingTo("137");

        given().auth().oauth2(STEWARD).get("/recomputations/" + UUID.randomUUID()).then().statusCode(404);
        given().get(recomputationOf(changed)).then().statusCode(401);
    }
}
