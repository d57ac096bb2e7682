package dev.pacer.ingest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import dev.pacer.testing.PacerTestStack;
import dev.pacer.testing.ServiceContractTest;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
@PacerTestStack
class ServiceReadinessTest extends ServiceContractTest {
    @Override
    protected List<String> ownPaths() {
        return List.of("/ingest/{dataset}", "/sources", "/sources/{id}", "/uploads", "/rejections",
                "/webhooks/{sourceId}");
    }

    @Test
    void theOpenApiDocumentsNdjsonAndIdempotencyKeys() {
        given().get("/q/openapi").then().statusCode(200)
                .body(containsString("application/x-ndjson"))
                .body(containsString("Idempotency-Key"))
                .body(containsString("PushResult"));
    }
}
