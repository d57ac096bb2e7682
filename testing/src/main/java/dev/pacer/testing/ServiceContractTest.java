package dev.pacer.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What every service promises ops and frontend teams, as one test class each service extends (annotated
 * {@code @QuarkusTest @PacerTestStack}): ready against the real PostgreSQL and Kafka; OpenAPI, Swagger UI and
 * Prometheus metrics served without a token; and every operation of its OpenAPI documented to the
 * {@link OpenApiContract}.
 */
public abstract class ServiceContractTest {

    /** Paths the service's OpenAPI must contain (its own resources), e.g. {@code "/datasets"}. */
    protected abstract List<String> ownPaths();

    @Test
    void isReadyAgainstRealPostgresAndKafka() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("Database")))
                .body("checks.name", hasItem(containsString("Kafka")));
    }

    @Test
    void servesOpenApiSwaggerUiAndMetricsWithoutAToken() {
        var openApi = given().accept("application/json").get("/q/openapi").then().statusCode(200);
        for (String path : ownPaths()) {
            openApi.body("paths", hasKey(path));
        }
        given().get("/q/swagger-ui/").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200).body(containsString("jvm_"));
    }

    @Test
    void everyOperationHasASummarySchemasExamplesAndProblemResponses() {
        String document = given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .extract().asString();
        List<String> violations = OpenApiContract.violations(document);
        assertTrue(violations.isEmpty(), () -> violations.size() + " gaps in the OpenAPI document:\n  "
                + String.join("\n  ", violations));
    }
}
