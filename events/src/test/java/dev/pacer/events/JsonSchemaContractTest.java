package dev.pacer.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class JsonSchemaContractTest {

    private static final ObjectMapper MAPPER = EventSamples.quarkusLikeMapper();

    static Stream<Class<?>> contracts() {
        return Stream.concat(Stream.of(CloudEvent.class), EventSamples.PAYLOADS.stream());
    }

    static Stream<CloudEvent<? extends EventPayload>> events() {
        return EventSamples.allEvents().stream();
    }

    @ParameterizedTest
    @MethodSource("contracts")
    void each_schema_is_json_schema_2020_12_describing_an_object(Class<?> contract) throws IOException {
        JsonNode schema = schemaFor(contract);

        assertThat(schema.get("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(schema.get("type").asText()).isEqualTo("object");
        assertThat(schema.get("title").asText()).isEqualTo(contract.getSimpleName());
    }

    @ParameterizedTest
    @MethodSource("contracts")
    void each_schema_requires_only_properties_that_exist_on_the_record(Class<?> contract) throws IOException {
        List<String> required = new ArrayList<>();
        schemaFor(contract).get("required").forEach(name -> required.add(name.asText()));

        assertThat(required).isNotEmpty().isSubsetOf(componentNames(contract));
    }

    @ParameterizedTest
    @MethodSource("contracts")
    void each_schema_describes_exactly_the_record_components(Class<?> contract) throws IOException {
        List<String> properties = new ArrayList<>();
        schemaFor(contract).get("properties").fieldNames().forEachRemaining(properties::add);

        assertThat(properties).containsExactlyElementsOf(componentNames(contract));
    }

    @ParameterizedTest
    @MethodSource("contracts")
    void primitive_components_are_required_because_they_are_always_written(Class<?> contract) throws IOException {
        List<String> required = new ArrayList<>();
        schemaFor(contract).get("required").forEach(name -> required.add(name.asText()));

        List<String> primitives = Arrays.stream(contract.getRecordComponents())
                .filter(c -> c.getType().isPrimitive()).map(RecordComponent::getName).toList();
        assertThat(required).containsAll(primitives);
    }

    @ParameterizedTest
    @MethodSource("events")
    void each_sample_event_validates_against_the_envelope_and_its_payload_schema(
            CloudEvent<? extends EventPayload> event) throws IOException {
        JsonNode json = MAPPER.readTree(MAPPER.writeValueAsString(event));

        assertThat(MiniJsonSchema.errors(schemaFor(CloudEvent.class), json)).isEmpty();
        assertThat(MiniJsonSchema.errors(schemaFor(event.data().getClass()), json.get("data"))).isEmpty();
    }

    @Test
    void the_schema_check_does_catch_a_payload_that_breaks_its_schema() throws IOException {
        JsonNode upsertWithoutFields = MAPPER.readTree("""
                {"dataset":"orders","primaryKey":"1","operation":"UPSERT","sourceSystem":"erp",
                 "sourceVersion":"7","ingestedAt":"yesterday"}""");

        assertThat(MiniJsonSchema.errors(schemaFor(RecordChanged.class), upsertWithoutFields))
                .anyMatch(e -> e.contains("sourceVersion"))
                .anyMatch(e -> e.contains("ingestedAt"))
                .anyMatch(e -> e.contains("missing required fields"));
    }

    private static List<String> componentNames(Class<?> record) {
        return Arrays.stream(record.getRecordComponents()).map(RecordComponent::getName).toList();
    }

    private static JsonNode schemaFor(Class<?> contract) throws IOException {
        String resource = contract == CloudEvent.class ? "schemas/cloud-event.json" : EventSamples.schemaOf(contract);
        try (InputStream in = JsonSchemaContractTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return MAPPER.readTree(in);
        }
    }
}
