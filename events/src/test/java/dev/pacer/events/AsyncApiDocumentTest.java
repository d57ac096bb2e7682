package dev.pacer.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AsyncApiDocumentTest {

    private static String asyncApi;

    @BeforeAll
    static void readDocument() throws IOException {
        try (InputStream in = AsyncApiDocumentTest.class.getClassLoader().getResourceAsStream("asyncapi.yaml")) {
            assertThat(in).isNotNull();
            asyncApi = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void it_is_an_asyncapi_3_document() {
        assertThat(asyncApi).startsWith("asyncapi: 3.0.0");
    }

    @Test
    void it_has_a_channel_for_every_topic_and_its_dead_letter_topic() {
        for (String topic : Topics.ALL) {
            assertThat(asyncApi).contains("address: " + topic + "\n")
                    .contains("address: " + Topics.deadLetter(topic) + "\n");
        }
    }

    @Test
    void it_names_every_event_type() {
        assertThat(asyncApi).contains(EventTypes.ALL);
    }

    @Test
    void it_documents_the_dead_letter_headers() {
        assertThat(asyncApi).contains(DeadLetterHeaders.REASON, DeadLetterHeaders.CAUSE, DeadLetterHeaders.TOPIC,
                DeadLetterHeaders.PARTITION, DeadLetterHeaders.OFFSET);
    }

    @Test
    void it_names_every_service_as_publisher_or_consumer() {
        assertThat(asyncApi).contains("name: metric-service", "name: goal-service", "name: alert-service",
                "name: ingest-service");
    }

    @Test
    void every_schema_it_references_exists() {
        Matcher refs = Pattern.compile("\\$ref: '\\./(schemas/[a-z-]+\\.json)'").matcher(asyncApi);
        int count = 0;
        while (refs.find()) {
            count++;
            assertThat(getClass().getClassLoader().getResource(refs.group(1))).as(refs.group(1)).isNotNull();
        }
        assertThat(count).isGreaterThanOrEqualTo(EventSamples.PAYLOADS.size() * 2);
    }

    @Test
    void every_local_reference_points_to_a_defined_name() {
        Matcher refs = Pattern.compile("\\$ref: '#/([A-Za-z/]+)'").matcher(asyncApi);
        while (refs.find()) {
            String[] path = refs.group(1).split("/");
            String last = path[path.length - 1];
            assertThat(asyncApi).as(refs.group()).containsPattern("\\n\\s+" + last + ":\\n");
        }
    }
}
