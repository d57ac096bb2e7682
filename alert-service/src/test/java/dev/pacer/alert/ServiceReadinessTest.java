package dev.pacer.alert;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

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
        return List.of("/rules", "/alerts", "/alerts/{id}", "/silences", "/channels", "/channels/{id}/deliveries");
    }

    @Test
    void theOpenApiDocumentsErrorsAndNeverOffersTheChannelSecretForReading() {
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body("paths.'/silences'.post.responses.'201'", notNullValue())
                .body("paths.'/silences'.post.responses.'400'", notNullValue())
                .body("paths.'/silences/{id}'.delete.responses.'409'", notNullValue())
                .body("paths.'/channels/{id}'.put.responses.'412'", notNullValue())
                .body("paths.'/channels/{id}'.put.responses.'428'", notNullValue())
                .body("components.schemas.ChannelDefinition.properties.secret.writeOnly", equalTo(true))
                .body("components.schemas.Channel.properties.secret", nullValue());
    }

    @Test
    void theOpenApiDescribesEmailChannelsAndGroupingWithExamples() {
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body("components.schemas.ChannelDefinition.properties.type", notNullValue())
                .body("components.schemas.ChannelDefinition.properties.recipients.examples[0]", notNullValue())
                .body("components.schemas.ChannelDefinition.properties.groupBy.examples[0]", notNullValue())
                .body("components.schemas.ChannelType.enum", equalTo(List.of("WEBHOOK", "EMAIL")))
                .body("components.schemas.Channel.properties.recipients", notNullValue())
                .body("components.schemas.Channel.properties.password", nullValue())
                .body("paths.'/channels'.post.requestBody.content.'application/json'.examples.'sales-by-mail'",
                        notNullValue())
                .body("paths.'/channels'.post.responses.'400'.content.'application/problem+json'.examples."
                        + "'no-smtp-server'", notNullValue());
    }
}
