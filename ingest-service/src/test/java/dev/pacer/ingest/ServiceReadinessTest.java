package dev.pacer.ingest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.pacer.testing.PacerTestStack;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
@PacerTestStack
class ServiceReadinessTest {
    @Test
    void isReadyAgainstRealPostgresAndKafka() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("Database")))
                .body("checks.name", hasItem(containsString("Kafka")));
    }

    @Test
    void servesOpenApiSwaggerUiAndMetricsWithoutAToken() {
        given().get("/q/openapi").then().statusCode(200)
                .body(containsString("/ingest/{dataset}"))
                .body(containsString("application/x-ndjson"))
                .body(containsString("Idempotency-Key"))
                .body(containsString("PushResult"));
        given().get("/q/swagger-ui/").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200);
    }
}
