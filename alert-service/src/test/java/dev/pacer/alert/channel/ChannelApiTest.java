package dev.pacer.alert.channel;

import dev.pacer.platform.crypto.SecretCipher;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

import dev.pacer.testing.PacerTestStack;
import dev.pacer.testing.Tokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
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
class ChannelApiTest {
    private static final String SECRET = "whsec_correct-horse-battery-staple";

    @Inject
    SecretCipher cipher;

    private String sales;
    private String finance;
    private String salesManager;
    private String salesViewer;
    private String financeManager;
    private String financeViewer;
    /** Every response body this test saw; none may contain a secret. */
    private final List<String> bodies = new ArrayList<>();

    @BeforeEach
    void freshDepartments() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        sales = "sales-" + suffix;
        finance = "finance-" + suffix;
        salesManager = Tokens.token("mia", Set.of("manager"), Set.of(sales));
        salesViewer = Tokens.token("vic", Set.of("viewer"), Set.of(sales));
        financeManager = Tokens.token("fred", Set.of("manager"), Set.of(finance));
        financeViewer = Tokens.token("fay", Set.of("viewer"), Set.of(finance));
        bodies.clear();
    }

    private static Map<String, Object> channel(String name, String secret, String... departments) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("url", "https://hooks.example.com/pacer/" + name.replace(' ', '-'));
        if (secret != null) {
            body.put("secret", secret);
        }
        body.put("departments", List.of(departments));
        body.put("severities", List.of("WARNING", "CRITICAL"));
        return body;
    }

    private ValidatableResponse seen(Response r) {
        bodies.add(r.asString());
        return r.then();
    }

    private ValidatableResponse post(String token, Map<String, Object> body) {
        return seen(given().auth().oauth2(token).contentType("application/json").body(body).post("/channels"));
    }

    private ValidatableResponse put(String token, String id, String ifMatch, Map<String, Object> body) {
        var request = given().auth().oauth2(token).contentType("application/json").body(body);
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return seen(request.put("/channels/" + id));
    }

    private ValidatableResponse get(String token, String path) {
        return seen(given().auth().oauth2(token).get(path));
    }

    private String create(String token, Map<String, Object> body) {
        return post(token, body).statusCode(201).extract().path("id");
    }

    @Test
    void aManagerCreatesAWebhookChannelAndTheSecretIsNeverReturned() {
        ExtractableResponse<Response> created = post(salesManager, channel("Sales on-call", SECRET, sales))
                .statusCode(201)
                .header("ETag", equalTo("\"1\""))
                .body("name", equalTo("Sales on-call"))
                .body("url", equalTo("https://hooks.example.com/pacer/Sales-on-call"))
                .body("departments", equalTo(List.of(sales)))
                .body("severities", equalTo(List.of("WARNING", "CRITICAL")))
                .body("enabled", equalTo(true))
                .body("version", equalTo(1))
                .body("createdBy", equalTo("mia"))
                .body("$", not(org.hamcrest.Matchers.hasKey("secret")))
                .extract();
        String id = created.path("id");
        assertThat(created.header("Location")).endsWith("/channels/" + id);

        get(salesViewer, "/channels/" + id).statusCode(200).header("ETag", equalTo("\"1\""))
                .body("$", not(org.hamcrest.Matchers.hasKey("secret")));
        get(salesViewer, "/channels").statusCode(200).body("items.id", hasItem(id));
        put(salesManager, id, "\"1\"", channel("Sales on-call", null, sales)).statusCode(200);
        get(Tokens.admin(), "/channels?department=" + sales).statusCode(200).body("items.id", hasItem(id));

        assertThat(bodies).isNotEmpty().noneSatisfy(b -> assertThat(b).contains(SECRET));
        assertThat(bodies).noneSatisfy(b -> assertThat(b).containsIgnoringCase("ciphertext"));
    }

    @Test
    void theSecretIsStoredEncryptedAndKeptWhenAnUpdateOmitsIt() {
        String id = create(salesManager, channel("Sales on-call", SECRET, sales));
        assertThat(storedSecret(id)).doesNotContain(SECRET).startsWith("v1:");
        assertThat(cipher.decrypt(storedSecret(id), id)).isEqualTo(SECRET);

        Map<String, Object> renamed = channel("Sales escalation", null, sales);
        renamed.put("enabled", false);
        put(salesManager, id, "\"1\"", renamed).statusCode(200).header("ETag", equalTo("\"2\""))
                .body("name", equalTo("Sales escalation")).body("enabled", equalTo(false)).body("updatedBy", equalTo("mia"));
        assertThat(cipher.decrypt(storedSecret(id), id)).as("kept").isEqualTo(SECRET);

        String rotated = "whsec_rotated-" + UUID.randomUUID();
        put(salesManager, id, "\"2\"", channel("Sales escalation", rotated, sales)).statusCode(200)
                .body("version", equalTo(3));
        assertThat(cipher.decrypt(storedSecret(id), id)).as("rotated").isEqualTo(rotated);
        assertThat(bodies).noneSatisfy(b -> assertThat(b).contains(rotated));
        assertThat(bodies).noneSatisfy(b -> assertThat(b).contains(SECRET));
    }

    @Test
    void anUpdateNeedsTheCurrentETag() {
        String id = create(salesManager, channel("Sales on-call", SECRET, sales));
        put(salesManager, id, null, channel("Renamed", null, sales)).statusCode(428)
                .contentType(containsString("application/problem+json"));
        put(salesManager, id, "\"1\"", channel("Renamed", null, sales)).statusCode(200).header("ETag", equalTo("\"2\""));
        put(salesManager, id, "\"1\"", channel("Renamed again", null, sales)).statusCode(412)
                .contentType(containsString("application/problem+json"));
        get(salesViewer, "/channels/" + id).body("name", equalTo("Renamed")).body("version", equalTo(2));
    }

    @Test
    void badInputNamesEachFieldAndNeverEchoesTheSecret() {
        Map<String, Object> ftp = channel("Sales on-call", SECRET, sales);
        ftp.put("url", "ftp://hooks.example.com/x");
        post(salesManager, ftp).statusCode(400).body("errors[0].field", equalTo("url"))
                .body("errors[0].message", containsString("http or https"));

        Map<String, Object> withCredentials = channel("Sales on-call", SECRET, sales);
        withCredentials.put("url", "https://user:" + SECRET + "@hooks.example.com/x");
        post(salesManager, withCredentials).statusCode(400).body("errors[0].field", equalTo("url"));

        post(salesManager, channel("Sales on-call", null, sales)).statusCode(400)
                .body("errors[0].field", equalTo("secret"));
        post(salesManager, channel("Sales on-call", "short", sales)).statusCode(400)
                .body("errors[0].field", equalTo("secret"));

        Map<String, Object> badSeverity = channel("Sales on-call", SECRET, sales);
        badSeverity.put("severities", List.of("URGENT"));
        post(salesManager, badSeverity).statusCode(400).body("errors[0].field", equalTo("severities[0]"))
                .body("errors[0].message", containsString("CRITICAL"));

        Map<String, Object> empty = new HashMap<>();
        empty.put("secret", SECRET);
        post(salesManager, empty).statusCode(400)
                .body("errors.field", hasItems("name", "url", "departments", "severities"));

        get(salesViewer, "/channels?enabled=maybe").statusCode(400).body("errors[0].field", equalTo("enabled"));
        assertThat(bodies).noneSatisfy(b -> assertThat(b).contains(SECRET));
    }

    @Test
    void everyoneMustAuthenticateAndOnlyManagersAndAdminsWrite() {
        given().contentType("application/json").body(channel("x", SECRET, sales)).post("/channels").then().statusCode(401);
        given().get("/channels").then().statusCode(401);
        given().get("/channels/" + UUID.randomUUID()).then().statusCode(401);
        given().contentType("application/json").body(channel("x", null, sales)).header("If-Match", "\"1\"")
                .put("/channels/" + UUID.randomUUID()).then().statusCode(401);
        given().delete("/channels/" + UUID.randomUUID()).then().statusCode(401);

        post(salesViewer, channel("x", SECRET, sales)).statusCode(403);
        post(Tokens.token("stu", Set.of("steward"), Set.of(sales)), channel("x", SECRET, sales)).statusCode(403);
        get(Tokens.token("ingest-bot", Set.of("integration"), Set.of(sales)), "/channels").statusCode(403);

        String id = create(salesManager, channel("Sales on-call", SECRET, sales));
        put(salesViewer, id, "\"1\"", channel("Taken over", null, sales)).statusCode(403);
        seen(given().auth().oauth2(salesViewer).delete("/channels/" + id)).statusCode(403);
        get(salesViewer, "/channels/" + id).statusCode(200).body("name", equalTo("Sales on-call"));
    }

    @Test
    void aManagerMayCreateChannelsOnlyForTheirOwnDepartments() {
        post(salesManager, channel("Finance", SECRET, finance)).statusCode(403);
        post(salesManager, channel("Both", SECRET, sales, finance)).statusCode(403);
        post(Tokens.admin(), channel("Both", SECRET, sales, finance)).statusCode(201);
    }

    @Test
    void anotherDepartmentCanNeitherReadChangeNorDeleteAChannel() {
        String id = create(salesManager, channel("Sales on-call", SECRET, sales));

        get(financeViewer, "/channels/" + id).statusCode(403).contentType(containsString("application/problem+json"));
        get(financeManager, "/channels/" + id).statusCode(403);
        put(financeManager, id, "\"1\"", channel("Hijacked", SECRET, finance)).statusCode(403);
        seen(given().auth().oauth2(financeManager).delete("/channels/" + id)).statusCode(403);
        get(financeViewer, "/channels").statusCode(200).body("items.id", not(hasItem(id)));

        get(salesViewer, "/channels/" + id).statusCode(200).body("name", equalTo("Sales on-call"))
                .body("version", equalTo(1));
    }

    @Test
    void aManagerCannotMoveAChannelIntoADepartmentTheyDoNotManage() {
        String id = create(salesManager, channel("Sales on-call", SECRET, sales));
        put(salesManager, id, "\"1\"", channel("Sales on-call", null, sales, finance)).statusCode(403);
        get(salesViewer, "/channels/" + id).statusCode(200).body("departments", equalTo(List.of(sales)));
    }

    @Test
    void deletingRemovesTheChannelAndAStaleIfMatchIsRefused() {
        String id = create(salesManager, channel("Sales on-call", SECRET, sales));
        put(salesManager, id, "\"1\"", channel("Renamed", null, sales)).statusCode(200);
        seen(given().auth().oauth2(salesManager).header("If-Match", "\"1\"").delete("/channels/" + id)).statusCode(412);
        seen(given().auth().oauth2(salesManager).header("If-Match", "\"2\"").delete("/channels/" + id)).statusCode(204);
        get(salesViewer, "/channels/" + id).statusCode(404);
        seen(given().auth().oauth2(salesManager).delete("/channels/" + id)).statusCode(404);
        put(salesManager, id, "\"2\"", channel("Back", null, sales)).statusCode(404);
    }

    @Test
    void listsAreSortedByNameAndPagedWithACursor() {
        String c = create(salesManager, channel("c-channel", SECRET, sales));
        String a = create(salesManager, channel("a-channel", SECRET, sales));
        String b = create(salesManager, channel("b-channel", SECRET, sales));
        var first = get(salesViewer, "/channels?limit=2").statusCode(200).body("items.size()", equalTo(2)).extract();
        List<String> ids = new ArrayList<>(first.<List<String>>path("items.id"));
        String next = first.path("next");
        assertThat(next).isNotBlank();
        ids.addAll(get(salesViewer, "/channels?limit=2&cursor=" + next).statusCode(200).extract().<List<String>>path("items.id"));
        assertThat(ids).containsExactly(a, b, c);

        Map<String, Object> disabled = channel("d-channel", SECRET, sales);
        disabled.put("enabled", false);
        String d = create(salesManager, disabled);
        get(salesViewer, "/channels?enabled=false").statusCode(200).body("items.id", equalTo(List.of(d)));
        get(salesViewer, "/channels?cursor=%25%25%25").statusCode(400).body("errors[0].field", equalTo("cursor"));
    }

    private static String storedSecret(String id) {
        return QuarkusTransaction.requiringNew().call(() -> {
            ChannelEntity e = ChannelEntity.findById(UUID.fromString(id));
            return e.secretCiphertext;
        });
    }

    @Test
    void withoutAnSmtpServerAnEmailChannelIsRefusedNamingTypeAndNothingIsCreated() {
        Map<String, Object> email = new HashMap<>();
        email.put("name", "Sales mail");
        email.put("type", "EMAIL");
        email.put("recipients", List.of("oncall@example.com"));
        email.put("departments", List.of(sales));
        email.put("severities", List.of("CRITICAL"));
        post(salesManager, email).statusCode(400).contentType(containsString("application/problem+json"))
                .body("errors[0].field", equalTo("type"))
                .body("errors[0].message", containsString("PACER_ALERT_SMTP_HOST"));
        get(salesViewer, "/channels").statusCode(200).body("items", equalTo(List.of()));

        String id = create(salesManager, channel("Sales on-call", SECRET, sales));
        Map<String, Object> turned = new HashMap<>(email);
        put(salesManager, id, "\"1\"", turned).statusCode(400).body("errors[0].field", equalTo("type"));
        get(salesViewer, "/channels/" + id).statusCode(200).body("type", equalTo("WEBHOOK")).body("version", equalTo(1));
    }

    @Test
    void aWebhookIsTheDefaultTypeGroupsByRuleUnlessToldAndTakesNoRecipients() {
        String id = create(salesManager, channel("Sales on-call", SECRET, sales));
        get(salesViewer, "/channels/" + id).statusCode(200).body("type", equalTo("WEBHOOK"))
                .body("groupBy", equalTo(List.of("rule"))).body("recipients", equalTo(null));

        Map<String, Object> grouped = channel("Sales by team", SECRET, sales);
        grouped.put("groupBy", List.of("department", "team"));
        post(salesManager, grouped).statusCode(201).body("groupBy", equalTo(List.of("department", "team")));
        Map<String, Object> oneGroup = channel("Sales digest", SECRET, sales);
        oneGroup.put("groupBy", List.of());
        post(salesManager, oneGroup).statusCode(201).body("groupBy", equalTo(List.of()));

        Map<String, Object> withRecipients = channel("Sales confused", SECRET, sales);
        withRecipients.put("recipients", List.of("oncall@example.com"));
        post(salesManager, withRecipients).statusCode(400).body("errors[0].field", equalTo("recipients"));
        Map<String, Object> badGroup = channel("Sales bad group", SECRET, sales);
        badGroup.put("groupBy", List.of("team", "..."));
        post(salesManager, badGroup).statusCode(400).body("errors[0].field", equalTo("groupBy"));
        get(salesViewer, "/channels").statusCode(200).body("items.size()", equalTo(3));
    }
}
