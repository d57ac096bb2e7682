package dev.pacer.platform.outbox;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pacer.platform.fixture.WidgetResource;
import dev.pacer.testing.PacerTestStack;
import dev.pacer.testing.KafkaTestClient;
import dev.pacer.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

@QuarkusTest
@PacerTestStack
class OutboxTest {
    private static final String STEWARD = Tokens.withRole("steward", "sales");

    private static void create(String name, boolean failAfterPublish, int expectedStatus) {
        given().auth().oauth2(STEWARD).contentType("application/json")
                .queryParam("failAfterPublish", failAfterPublish)
                .body("{\"name\": \"" + name + "\", \"size\": 5}")
                .post("/widgets").then().statusCode(expectedStatus);
    }

    @Test
    void anEventIsPublishedIfAndOnlyIfItsTransactionCommits() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        create("rolled-back-" + run, true, 409);
        create("committed-" + run, false, 200);

        // The relay sends in commit order; once the committed event is there, a rolled-back one would be too.
        List<ConsumerRecord<String, String>> records = KafkaTestClient.poll(WidgetResource.TOPIC,
                rs -> rs.stream().anyMatch(r -> r.key().equals("committed-" + run)), Duration.ofSeconds(30));

        assertThat(records).filteredOn(r -> r.key().endsWith(run)).extracting(ConsumerRecord::key)
                .containsExactly("committed-" + run);
        ConsumerRecord<String, String> event = records.stream().filter(r -> r.key().equals("committed-" + run))
                .findFirst().orElseThrow();
        assertThat(event.value()).contains("\"specversion\":\"1.0\"").contains("\"type\":\"dev.pacer.test.widget.created.v1\"");
        assertThat(new String(event.headers().lastHeader("content-type").value(), StandardCharsets.UTF_8))
                .startsWith("application/cloudevents+json");
    }
}
