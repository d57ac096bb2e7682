package dev.pacer.platform.problem;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import dev.pacer.testing.PacerTestStack;
import dev.pacer.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

@QuarkusTest
@PacerTestStack
class ProblemResponsesTest {
    private static final String STEWARD = Tokens.withRole("steward", "sales");

    private static ValidatableResponse assertProblem(ValidatableResponse r, int status, String slug) {
        return r.statusCode(status)
                .contentType(containsString("application/problem+json"))
                .body("type", equalTo(Problem.TYPE_BASE + slug))
                .body("status", equalTo(status))
                .body("title", notNullValue())
                .body(not(containsString("Exception")))
                .body(not(containsString("at dev.pacer")));
    }

    @Test
    void malformedJsonIsA400ProblemNamingWhereItBroke() {
        assertProblem(given().auth().oauth2(STEWARD).contentType("application/json").body("{\"name\": \"x\", ")
                .post("/widgets").then(), 400, "malformed-json")
                .body("detail", containsString("line 1"));
    }

    @Test
    void validationErrorsNameEachField() {
        assertProblem(given().auth().oauth2(STEWARD).contentType("application/json").body("{\"name\": \" \", \"size\": 0}")
                .post("/widgets").then(), 400, "validation")
                .body("errors.field", hasItems("name", "size"));
    }

    @Test
    void aMissingBodyIsAValidationProblem() {
        assertProblem(given().auth().oauth2(STEWARD).contentType("application/json")
                .post("/widgets").then(), 400, "validation");
    }

    @Test
    void aValueOfTheWrongTypeNamesTheField() {
        assertProblem(given().auth().oauth2(STEWARD).contentType("application/json")
                .body("{\"name\": \"a\", \"size\": \"big\"}").post("/widgets").then(), 400, "validation")
                .body("errors[0].field", equalTo("size"));
    }

    @Test
    void textPostgresCannotStoreIsRefusedNamingTheField() {
        assertProblem(given().auth().oauth2(STEWARD).contentType("application/json")
                .body("{\"name\": \"a\\u0000b\", \"size\": 2}").post("/widgets").then(), 400, "validation")
                .body("errors[0].field", equalTo("name"))
                .body("errors[0].message", containsString("U+0000"));
        assertProblem(given().auth().oauth2(STEWARD).contentType("application/json")
                .body("{\"name\": \"\\ud800\", \"size\": 2}").post("/widgets").then(), 400, "validation")
                .body("errors[0].field", equalTo("name"));
    }

    @Test
    void parametersPostgresCannotStoreAreRefusedNamingEach() {
        assertProblem(given().auth().oauth2(STEWARD).urlEncodingEnabled(false).get("/widgets/%00").then(), 400,
                "validation")
                .body("errors[0].field", equalTo("id"));
        assertProblem(given().auth().oauth2(STEWARD).urlEncodingEnabled(false).get("/widgets/1?note=a%00b").then(),
                400, "validation")
                .body("errors[0].field", equalTo("note"))
                .body("errors[0].message", containsString("U+0000"));
        assertProblem(given().auth().oauth2(STEWARD).contentType("application/json").urlEncodingEnabled(false)
                .body("{\"name\": \"a\", \"size\": 2}").post("/widgets?failAfterPublish=%00").then(), 400,
                "validation")
                .body("errors[0].field", equalTo("failAfterPublish"));
    }

    @Test
    void aChangeThatCollidesInTheDatabaseIsA409NotA500() {
        String body = "{\"name\": \"unique-" + java.util.UUID.randomUUID() + "\", \"size\": 42}";
        given().auth().oauth2(STEWARD).contentType("application/json").body(body).post("/widgets").then()
                .statusCode(200);
        assertProblem(given().auth().oauth2(STEWARD).contentType("application/json").body(body).post("/widgets")
                .then(), 409, "conflict")
                .body("detail", containsString("at the same moment"))
                .body(not(containsString("widget_name")));
    }

    @Test
    void anUnknownFieldIsNamed() {
        assertProblem(given().auth().oauth2(STEWARD).contentType("application/json")
                .body("{\"name\": \"a\", \"size\": 2, \"colour\": \"red\"}").post("/widgets").then(), 400, "validation")
                .body("errors[0].field", equalTo("colour"));
    }

    @Test
    void wrongContentTypeIs415() {
        assertProblem(given().auth().oauth2(STEWARD).contentType("text/plain").body("name=a")
                .post("/widgets").then(), 415, "unsupported-media-type");
    }

    @Test
    void unacceptableAcceptHeaderIs406() {
        assertProblem(given().auth().oauth2(STEWARD).accept("text/html").get("/widgets/1").then(), 406,
                "not-acceptable");
    }

    @Test
    void unknownPathIs404ProblemNotHtml() {
        assertProblem(given().auth().oauth2(STEWARD).accept("text/html").get("/no/such/thing").then(), 404,
                "not-found");
        assertProblem(given().get("/no/such/thing").then(), 404, "not-found");
    }

    @Test
    void unknownIdIs404Problem() {
        assertProblem(given().auth().oauth2(STEWARD).get("/widgets/999999").then(), 404, "not-found")
                .body("detail", containsString("999999"));
    }

    @Test
    void wrongMethodIs405WithAllow() {
        assertProblem(given().auth().oauth2(STEWARD).delete("/widgets/1").then(), 405, "method-not-allowed");
    }

    @Test
    void oversizedBodyIs413Problem() {
        String big = "{\"name\": \"" + "x".repeat(100 * 1024) + "\", \"size\": 1}";
        assertProblem(given().auth().oauth2(STEWARD).contentType("application/json").body(big)
                .post("/widgets").then(), 413, "payload-too-large");
    }

    @Test
    void pathParameterOfTheWrongTypeIsA4xxProblem() {
        given().auth().oauth2(STEWARD).get("/widgets/abc").then()
                .statusCode(404).contentType(containsString("application/problem+json"));
    }

    @Test
    void noTokenIs401WithBearerChallenge() {
        assertProblem(given().contentType("application/json").body("{\"name\": \"a\", \"size\": 2}")
                .post("/widgets").then(), 401, "unauthenticated")
                .header("WWW-Authenticate", containsString("Bearer"));
    }

    @Test
    void aForgedTokenIs401() {
        assertProblem(given().auth().oauth2(STEWARD.substring(0, STEWARD.length() - 4) + "AAAA")
                .get("/widgets/1").then(), 401, "unauthenticated");
    }

    @Test
    void wrongRoleIs403() {
        assertProblem(given().auth().oauth2(Tokens.withRole("viewer", "sales")).contentType("application/json")
                .body("{\"name\": \"a\", \"size\": 2}").post("/widgets").then(), 403, "forbidden");
    }

    @Test
    void healthAndOpenApiNeedNoToken() {
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/openapi").then().statusCode(200)
                .body(containsString("application/problem+json"))
                .body(containsString("Problem"));
        given().get("/q/metrics").then().statusCode(200).body(containsString("pacer_outbox_sent"));
    }

    @Test
    void declaredFailuresWithoutBodyGetTheProblemSchema() {
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body("paths.'/widgets'.post.responses.'422'.description", equalTo("The widget cannot be made that size"))
                .body("paths.'/widgets'.post.responses.'422'.content.'application/problem+json'.schema.$ref",
                        equalTo("#/components/schemas/Problem"))
                .body("paths.'/widgets'.post.responses.'422'.content.'application/problem+json'.example.status",
                        equalTo(422))
                .body("paths.'/widgets'.post.responses.'200'.content.'application/problem+json'", nullValue());
    }

    @Test
    void successBodiesAreNotProblems() {
        given().auth().oauth2(STEWARD).contentType("application/json").body("{\"name\": \"ok\", \"size\": 3}")
                .post("/widgets").then().statusCode(200).contentType(containsString("application/json"))
                .body("type", nullValue()).body("size", equalTo(3));
    }
}
