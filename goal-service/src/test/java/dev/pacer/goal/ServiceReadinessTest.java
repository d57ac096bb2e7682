package dev.pacer.goal;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;

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
        return List.of("/goals", "/goals/{id}", "/goals/{id}/children", "/matrix", "/scorecards", "/reviews");
    }

    @Test
    void theOpenApiDocumentsCrossDepartment403AndTheConcurrencyErrors() {
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body("paths.'/goals/{id}'.get.responses.'403'.description", containsString("never 404"))
                .body("paths.'/goals/{id}'.put.responses", hasKey("412"))
                .body("paths.'/goals/{id}'.put.responses", hasKey("428"))
                .body("paths.'/goals/{id}'.delete.responses", hasKey("409"))
                .body("paths.'/goals'.post.responses", hasKey("201"))
                .body("paths.'/goals'.post.tags", hasItem("Goals"));
    }

    @Test
    void theOpenApiDocumentsProgressSmartMatrixAdjustmentsAndCheckIns() {
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body("paths", hasKey("/goals/{id}/progress"))
                .body("paths", hasKey("/goals/{id}/progress/history"))
                .body("paths", hasKey("/goals/{id}/smart"))
                .body("paths.'/goals/{id}/activate'.post.responses", hasKey("422"))
                .body("paths.'/goals/{id}/activate'.post.responses", hasKey("409"))
                .body("paths.'/matrix'.get.responses.'200'.content", hasKey("text/csv"))
                .body("paths.'/goals/{id}/adjustments'.post.responses", hasKey("201"))
                .body("paths.'/goals/{id}/check-ins'.post.responses", hasKey("201"))
                .body("components.schemas", hasKey("GoalProgress"))
                .body("components.schemas", hasKey("SmartReport"));
    }

    @Test
    void theOpenApiDocumentsScorecardsAndReviewsWithTheirExports() {
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body("paths.'/scorecards'.get.responses.'200'.content", hasKey("text/csv"))
                .body("paths.'/reviews'.post.responses", hasKey("201"))
                .body("paths.'/reviews/{id}'.get.responses.'200'.content", hasKey("text/markdown"))
                .body("paths.'/reviews/{id}'.get.responses.'200'.content", hasKey("text/csv"))
                .body("paths.'/reviews/{id}/actions'.post.responses", hasKey("201"))
                .body("paths.'/reviews/{id}/actions/{actionId}'.patch.responses", hasKey("403"))
                .body("components.schemas", hasKey("Scorecard"))
                .body("components.schemas", hasKey("Review"));
    }
}
