package dev.pacer.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CloudEventJsonRoundTripTest {

    private static final List<String> ENVELOPE_FIELDS =
            List.of("specversion", "id", "source", "type", "subject", "time", "datacontenttype", "data");

    private final ObjectMapper mapper = EventSamples.quarkusLikeMapper();

    static Stream<CloudEvent<? extends EventPayload>> events() {
        return EventSamples.allEvents().stream();
    }

    @ParameterizedTest
    @MethodSource("events")
    void every_event_survives_a_json_round_trip_unchanged(CloudEvent<? extends EventPayload> event) throws Exception {
        String json = mapper.writeValueAsString(event);

        CloudEvent<?> read = mapper.readValue(json, typeReferenceFor(event.data().getClass()));

        assertThat(read).isEqualTo(event);
        assertThat(read.data()).isInstanceOf(event.data().getClass());
    }

    @ParameterizedTest
    @MethodSource("events")
    void the_envelope_uses_the_cloudevents_attribute_names(CloudEvent<? extends EventPayload> event) throws Exception {
        JsonNode json = mapper.valueToTree(event);

        assertThat(fieldNames(json)).containsExactlyElementsOf(ENVELOPE_FIELDS);
        assertThat(json.get("specversion").asText()).isEqualTo("1.0");
        assertThat(json.get("datacontenttype").asText()).isEqualTo("application/json");
        assertThat(json.get("type").asText()).isEqualTo(event.data().eventType());
        assertThat(json.get("subject").asText()).isEqualTo(event.data().kafkaKey());
        assertThat(json.get("time").isTextual()).as("time is an ISO-8601 string").isTrue();
    }

    @ParameterizedTest
    @MethodSource("events")
    void the_payload_uses_the_camel_case_record_component_names_and_nothing_else(
            CloudEvent<? extends EventPayload> event) throws Exception {
        JsonNode data = mapper.valueToTree(event).get("data");

        List<String> components = Arrays.stream(event.data().getClass().getRecordComponents())
                .map(RecordComponent::getName).toList();
        assertThat(fieldNames(data)).containsExactlyElementsOf(components)
                .allMatch(name -> name.matches("[a-z][a-zA-Z0-9]*"));
    }

    @Test
    void decimals_keep_their_scale_inside_payload_fields_and_free_form_maps() throws Exception {
        CloudEvent<RecordChanged> event = CloudEvent.of(EventSources.INGEST_SERVICE, EventSamples.recordUpsert());

        CloudEvent<RecordChanged> read = mapper.readValue(mapper.writeValueAsString(event),
                new TypeReference<CloudEvent<RecordChanged>>() { });

        assertThat(read.data().fields().get("unit_price")).isEqualTo(new BigDecimal("129.90"));
        CloudEvent<MetricValueChanged> value = CloudEvent.of(EventSources.METRIC_SERVICE, EventSamples.metricValue());
        assertThat(mapper.readValue(mapper.writeValueAsString(value),
                new TypeReference<CloudEvent<MetricValueChanged>>() { }).data().previousValue())
                .isEqualTo(new BigDecimal("1180000.00"));
    }

    @Test
    void dates_are_written_as_iso_strings_and_the_period_as_plain_dates() throws Exception {
        JsonNode data = mapper.valueToTree(CloudEvent.of(EventSources.METRIC_SERVICE, EventSamples.metricValue()))
                .get("data");

        assertThat(data.get("periodStart").asText()).isEqualTo("2025-05-01");
        assertThat(data.get("periodEnd").asText()).isEqualTo("2025-06-01");
        assertThat(data.get("computedAt").asText()).isEqualTo("2025-05-14T08:30:15.123456Z");
    }

    @Test
    void a_time_with_another_offset_is_read_back_as_the_same_instant_in_utc() throws Exception {
        OffsetDateTime shanghai = OffsetDateTime.of(2025, 5, 14, 16, 30, 0, 0, ZoneOffset.ofHours(8));
        CloudEvent<String> event = new CloudEvent<>("1.0", "e-1", "/test", "test.v1", null, shanghai, null, "x");

        CloudEvent<String> read = mapper.readValue(mapper.writeValueAsString(event),
                new TypeReference<CloudEvent<String>>() { });

        assertThat(read.time()).isAtSameInstantAs(shanghai);
        assertThat(read.time().getOffset()).isEqualTo(ZoneOffset.UTC);
    }

    @Test
    void unknown_envelope_and_payload_properties_are_ignored() throws Exception {
        String json = """
                {"specversion":"1.0","id":"e-1","source":"/goal-service","type":"dev.pacer.goal-progress.changed.v1",
                 "traceparent":"00-abc-def-01",
                 "data":{"goalId":"goal-1","title":"t","ownerDepartment":"sales","departments":["sales"],
                         "periodLabel":"FY2025","paceStatus":"NO_DATA","asOf":"2025-05-14T08:30:15Z",
                         "addedInALaterMinorVersion":true}}
                """;

        CloudEvent<GoalProgressChanged> read = mapper.readValue(json,
                new TypeReference<CloudEvent<GoalProgressChanged>>() { });

        assertThat(read.data().goalId()).isEqualTo("goal-1");
        assertThat(read.data().goalStatus()).as("absent (an older producer) means ACTIVE").isEqualTo("ACTIVE");
        assertThat(read.data().closed()).isFalse();
        assertThat(read.datacontenttype()).isEqualTo("application/json");
    }

    @Test
    void a_goals_closing_event_says_so_and_an_unknown_goal_status_is_refused() throws Exception {
        CloudEvent<GoalProgressChanged> closed = CloudEvent.of(EventSources.GOAL_SERVICE, EventSamples.goalClosed());
        CloudEvent<GoalProgressChanged> read = mapper.readValue(mapper.writeValueAsString(closed),
                new TypeReference<CloudEvent<GoalProgressChanged>>() { });
        assertThat(read.data().closed()).isTrue();
        assertThat(read.data()).isEqualTo(EventSamples.goalClosed());
        assertThatThrownBy(() -> new GoalProgressChanged("g", null, "t", "sales", null, null, "FY2025", null, null,
                null, null, null, null, PaceStatus.NO_DATA, null, null, EventSamples.NOW, "PAUSED"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("goalStatus");
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static final Map<Class<?>, TypeReference<? extends CloudEvent<?>>> TYPES = Map.of(
            RecordChanged.class, new TypeReference<CloudEvent<RecordChanged>>() { },
            CatalogChanged.class, new TypeReference<CloudEvent<CatalogChanged>>() { },
            MetricValueChanged.class, new TypeReference<CloudEvent<MetricValueChanged>>() { },
            GoalProgressChanged.class, new TypeReference<CloudEvent<GoalProgressChanged>>() { },
            AlertStateChanged.class, new TypeReference<CloudEvent<AlertStateChanged>>() { });

    private static TypeReference<? extends CloudEvent<?>> typeReferenceFor(Class<?> payload) {
        return TYPES.get(payload);
    }
}
