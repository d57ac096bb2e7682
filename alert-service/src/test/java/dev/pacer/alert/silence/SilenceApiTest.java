package dev.pacer.alert.silence;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import dev.pacer.testing.TestClock;
import dev.pacer.testing.PacerTestStack;
import dev.pacer.testing.Tokens;
import io.restassured.response.ValidatableResponse;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@PacerTestStack
class SilenceApiTest {
    @Inject
    TestClock clock;

    private Instant now;
    private String sales;
    private String finance;
    private String salesManager;
    private String salesViewer;
    private String financeManager;
    private String financeViewer;

    @BeforeEach
    void freshClockAndDepartments() {
        now = clock.reset();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        sales = "sales-" + suffix;
        finance = "finance-" + suffix;
        salesManager = Tokens.token("mia", Set.of("manager"), Set.of(sales));
        salesViewer = Tokens.token("vic", Set.of("viewer"), Set.of(sales));
        financeManager = Tokens.token("fred", Set.of("manager"), Set.of(finance));
        financeViewer = Tokens.token("fay", Set.of("viewer"), Set.of(finance));
    }

    /** A silence of stale-data alerts for the given departments, from start (null: now) to end. */
    private static Map<String, Object> silence(Instant start, Instant end, String... departments) {
        Map<String, Object> body = new HashMap<>();
        body.put("matchers", List.of(
                Map.of("name", "alertname", "operator", "=", "value", "MetricStale"),
                Map.of("name", "metric", "operator", "=~", "value", "revenue|orders_.*")));
        if (start != null) {
            body.put("startsAt", start.toString());
        }
        body.put("endsAt", end.toString());
        body.put("comment", "ERP maintenance window");
        body.put("departments", List.of(departments));
        return body;
    }

    private ValidatableResponse post(String token, Map<String, Object> body) {
        return given().auth().oauth2(token).contentType("application/json").body(body).post("/silences").then();
    }

    private String create(String token, Map<String, Object> body) {
        return post(token, body).statusCode(201).extract().path("id");
    }

    @Test
    void aManagerSilencesAlertsOfTheirDepartmentAndItsReadersSeeIt() {
        var created = post(salesManager, silence(null, now.plus(Duration.ofHours(2)), sales)).statusCode(201)
                .body("state", equalTo("ACTIVE"))
                .body("createdBy", equalTo("mia"))
                .body("matchers[1].operator", equalTo("=~"))
                .body("matchers[1].value", equalTo("revenue|orders_.*"))
                .body("departments", equalTo(List.of(sales)))
                .body("expiredBy", nullValue())
                .extract();
        String id = created.path("id");
        assertThat(created.header("Location")).endsWith("/silences/" + id);
        assertThat(instant(created.path("startsAt"))).as("starts now by the service's clock").isEqualTo(now);
        assertThat(instant(created.path("endsAt"))).isEqualTo(now.plus(Duration.ofHours(2)));

        given().auth().oauth2(salesViewer).get("/silences/" + id).then().statusCode(200)
                .body("id", equalTo(id)).body("comment", equalTo("ERP maintenance window"));
        given().auth().oauth2(salesViewer).get("/silences").then().statusCode(200).body("items.id", hasItem(id));
    }

    @Test
    void aSilenceIsPendingThenActiveThenExpiredAsTheClockMoves() {
        String id = create(salesManager, silence(now.plus(Duration.ofHours(1)), now.plus(Duration.ofHours(3)), sales));
        assertState(id, "PENDING");
        assertListed("PENDING", id, true);
        assertListed("ACTIVE", id, false);

        clock.advance(Duration.ofHours(1));
        assertState(id, "ACTIVE");
        assertListed("ACTIVE", id, true);
        assertListed("PENDING", id, false);

        clock.advance(Duration.ofHours(2));
        assertState(id, "EXPIRED");
        assertListed("EXPIRED", id, true);
        assertListed("ACTIVE", id, false);
    }

    @Test
    void expiringEndsItNowKeepsItForTheRecordAndASecondExpiryIsAConflict() {
        String id = create(salesManager, silence(null, now.plus(Duration.ofHours(2)), sales));
        Instant expiredAt = clock.advance(Duration.ofMinutes(10));

        String endsAt = given().auth().oauth2(salesManager).delete("/silences/" + id).then().statusCode(200)
                .body("state", equalTo("EXPIRED"))
                .body("expiredBy", equalTo("mia"))
                .extract().path("endsAt");
        assertThat(instant(endsAt)).isEqualTo(expiredAt);
        given().auth().oauth2(salesViewer).get("/silences/" + id).then().statusCode(200)
                .body("state", equalTo("EXPIRED")).body("createdBy", equalTo("mia"));
        assertListed("EXPIRED", id, true);

        given().auth().oauth2(salesManager).delete("/silences/" + id).then().statusCode(409)
                .contentType(containsString("application/problem+json"))
                .body("detail", containsString("already expired"));
    }

    @Test
    void expiringAPendingSilenceMeansItNeverStarts() {
        String id = create(salesManager, silence(now.plus(Duration.ofHours(1)), now.plus(Duration.ofHours(2)), sales));
        given().auth().oauth2(salesManager).delete("/silences/" + id).then().statusCode(200)
                .body("state", equalTo("EXPIRED"));
        clock.advance(Duration.ofMinutes(90));
        assertState(id, "EXPIRED");
    }

    @Test
    void anInvalidRegularExpressionIsNamedByItsMatcher() {
        Map<String, Object> body = silence(null, now.plus(Duration.ofHours(1)), sales);
        body.put("matchers", List.of(Map.of("name", "alertname", "operator", "=", "value", "MetricStale"),
                Map.of("name", "metric", "operator", "=~", "value", "revenue|(orders")));
        post(salesManager, body).statusCode(400)
                .contentType(containsString("application/problem+json"))
                .body("errors[0].field", equalTo("matchers[1].value"))
                .body("errors[0].message", containsString("metric=~\"revenue|(orders\" is not a valid regular expression"));
    }

    @Test
    void badInputNamesEachField() {
        Map<String, Object> body = new HashMap<>();
        body.put("matchers", List.of(Map.of("name", "bad-name", "operator", "==", "value", "x")));
        body.put("comment", " ");
        body.put("departments", List.of());
        post(salesManager, body).statusCode(400)
                .body("errors.field", hasItems("matchers[0].name", "matchers[0].operator", "endsAt", "comment",
                        "departments"));

        post(salesManager, silence(now.plus(Duration.ofHours(2)), now.plus(Duration.ofHours(1)), sales)).statusCode(400)
                .body("errors[0].field", equalTo("endsAt")).body("errors[0].message", containsString("after startsAt"));
        post(salesManager, silence(null, now.minus(Duration.ofMinutes(1)), sales)).statusCode(400)
                .body("errors[0].field", equalTo("endsAt")).body("errors[0].message", containsString("future"));

        Map<String, Object> everything = silence(null, now.plus(Duration.ofHours(1)), sales);
        everything.put("matchers", List.of(Map.of("name", "alertname", "operator", "=~", "value", ".*")));
        post(salesManager, everything).statusCode(400).body("errors[0].field", equalTo("matchers"));

        Map<String, Object> misspelt = silence(null, now.plus(Duration.ofHours(1)), sales);
        misspelt.put("endAt", now.toString());
        post(salesManager, misspelt).statusCode(400).body("errors[0].field", equalTo("endAt"));

        given().auth().oauth2(salesViewer).queryParam("state", "SLEEPING").get("/silences").then().statusCode(400)
                .body("errors[0].field", equalTo("state"));
    }

    @Test
    void everyoneMustAuthenticateAndOnlyManagersAndAdminsWrite() {
        given().contentType("application/json").body(silence(null, now.plusSeconds(3600), sales)).post("/silences")
                .then().statusCode(401);
        given().get("/silences").then().statusCode(401);
        given().get("/silences/" + UUID.randomUUID()).then().statusCode(401);
        given().delete("/silences/" + UUID.randomUUID()).then().statusCode(401);

        post(salesViewer, silence(null, now.plusSeconds(3600), sales)).statusCode(403);
        post(Tokens.token("sam", Set.of("member"), Set.of(sales)), silence(null, now.plusSeconds(3600), sales))
                .statusCode(403);
        given().auth().oauth2(Tokens.token("ingest-bot", Set.of("integration"), Set.of(sales))).get("/silences")
                .then().statusCode(403);

        String id = create(salesManager, silence(null, now.plusSeconds(3600), sales));
        given().auth().oauth2(salesViewer).delete("/silences/" + id).then().statusCode(403);
        assertState(id, "ACTIVE");
    }

    @Test
    void aManagerMaySilenceOnlyTheirOwnDepartments() {
        post(salesManager, silence(null, now.plusSeconds(3600), finance)).statusCode(403)
                .contentType(containsString("application/problem+json"));
        post(salesManager, silence(null, now.plusSeconds(3600), sales, finance)).statusCode(403);
        given().auth().oauth2(salesManager).queryParam("department", finance).get("/silences").then().statusCode(200)
                .body("items", equalTo(List.of()));
    }

    @Test
    void anotherDepartmentCanNeitherReadNorExpireASilence() {
        String id = create(salesManager, silence(null, now.plusSeconds(3600), sales));

        given().auth().oauth2(financeViewer).get("/silences/" + id).then().statusCode(403)
                .contentType(containsString("application/problem+json"));
        given().auth().oauth2(financeManager).get("/silences/" + id).then().statusCode(403);
        given().auth().oauth2(financeManager).delete("/silences/" + id).then().statusCode(403);
        given().auth().oauth2(financeViewer).get("/silences").then().statusCode(200).body("items.id", not(hasItem(id)));
        assertState(id, "ACTIVE");
    }

    @Test
    void aManagerOfOnlyOneOfItsDepartmentsMayReadButNotExpireIt() {
        String id = create(Tokens.admin(), silence(null, now.plusSeconds(3600), sales, finance));
        given().auth().oauth2(financeManager).get("/silences/" + id).then().statusCode(200);
        given().auth().oauth2(financeManager).delete("/silences/" + id).then().statusCode(403);
        assertState(id, "ACTIVE");
    }

    @Test
    void anAdminSilencesAndExpiresForAnyDepartment() {
        String id = create(Tokens.admin(), silence(null, now.plusSeconds(3600), finance));
        given().auth().oauth2(financeViewer).get("/silences/" + id).then().statusCode(200).body("createdBy", equalTo("admin"));
        given().auth().oauth2(Tokens.admin()).delete("/silences/" + id).then().statusCode(200)
                .body("expiredBy", equalTo("admin"));
    }

    @Test
    void anUnknownSilenceIs404() {
        String unknown = UUID.randomUUID().toString();
        given().auth().oauth2(salesViewer).get("/silences/" + unknown).then().statusCode(404)
                .contentType(containsString("application/problem+json"));
        given().auth().oauth2(salesManager).delete("/silences/" + unknown).then().statusCode(404);
        given().auth().oauth2(salesViewer).get("/silences/not-a-uuid").then().statusCode(404);
    }

    @Test
    void listsAreNewestFirstAndPagedWithACursor() {
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            created.add(create(salesManager, silence(null, now.plus(Duration.ofHours(1)), sales)));
            clock.advance(Duration.ofSeconds(1));
        }
        var first = given().auth().oauth2(salesViewer).queryParam("limit", 2).get("/silences").then().statusCode(200)
                .body("items.size()", equalTo(2)).extract();
        List<String> page1 = first.path("items.id");
        String next = first.path("next");
        assertThat(next).isNotBlank();
        List<String> page2 = given().auth().oauth2(salesViewer).queryParam("limit", 2).queryParam("cursor", next)
                .get("/silences").then().statusCode(200).body("next", nullValue()).extract().path("items.id");
        List<String> all = new ArrayList<>(page1);
        all.addAll(page2);
        assertThat(all).containsExactly(created.get(2), created.get(1), created.get(0));

        given().auth().oauth2(salesViewer).queryParam("cursor", "%%%").get("/silences").then().statusCode(400)
                .body("errors[0].field", equalTo("cursor"));
        given().auth().oauth2(salesViewer).queryParam("cursor", "c2hvcnQ").get("/silences").then().statusCode(400)
                .body("errors[0].field", equalTo("cursor"));
        given().auth().oauth2(salesViewer).queryParam("limit", 0).get("/silences").then().statusCode(400)
                .body("errors[0].field", equalTo("limit"));
    }

    private static Instant instant(String iso) {
        return java.time.OffsetDateTime.parse(iso).toInstant();
    }

    private void assertState(String id, String state) {
        given().auth().oauth2(salesViewer).get("/silences/" + id).then().statusCode(200).body("state", equalTo(state));
    }

    private void assertListed(String state, String id, boolean listed) {
        List<String> ids = given().auth().oauth2(salesViewer).queryParam("state", state).get("/silences").then()
                .statusCode(200).extract().path("items.id");
        if (listed) {
            assertThat(ids).as("silences listed as %s", state).contains(id);
        } else {
            assertThat(ids).as("silences listed as %s", state).doesNotContain(id);
        }
    }
}
