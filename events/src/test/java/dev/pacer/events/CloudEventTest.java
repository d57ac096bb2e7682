package dev.pacer.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class CloudEventTest {

    private static final OffsetDateTime T = EventSamples.NOW;

    @Test
    void of_fills_in_a_random_id_the_current_utc_time_and_json_content_type() {
        OffsetDateTime before = OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(1);

        CloudEvent<String> event = CloudEvent.of("dev.pacer.test.v1", "/test", "subject-1", "data");

        assertThat(event.specversion()).isEqualTo("1.0");
        assertThat(event.id()).hasSize(36);
        assertThat(event.time().getOffset()).isEqualTo(ZoneOffset.UTC);
        assertThat(event.time()).isAfter(before);
        assertThat(event.datacontenttype()).isEqualTo("application/json");
        assertThat(event).extracting(CloudEvent::type, CloudEvent::source, CloudEvent::subject, CloudEvent::data)
                .containsExactly("dev.pacer.test.v1", "/test", "subject-1", "data");
    }

    @Test
    void two_events_never_share_an_id() {
        assertThat(CloudEvent.of("t.v1", "/s", null, 1).id()).isNotEqualTo(CloudEvent.of("t.v1", "/s", null, 1).id());
    }

    @Test
    void of_a_pacer_payload_takes_type_and_subject_from_the_payload() {
        CloudEvent<MetricValueChanged> event = CloudEvent.of(EventSources.METRIC_SERVICE, EventSamples.metricValue());

        assertThat(event.type()).isEqualTo(EventTypes.METRIC_VALUE_CHANGED);
        assertThat(event.subject()).isEqualTo("revenue");
        assertThat(event.source()).isEqualTo("/metric-service");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "\t"})
    void a_blank_type_is_rejected(String type) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new CloudEvent<>("1.0", "id-1", "/test", type, null, T, null, "x"))
                .withMessageContaining("type");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = " ")
    void a_blank_id_or_source_is_rejected(String blank) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new CloudEvent<>("1.0", blank, "/test", "t.v1", null, T, null, "x"))
                .withMessageContaining("id");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> CloudEvent.of("t.v1", blank, null, "x"))
                .withMessageContaining("source");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"0.3", "1.1", "1"})
    void only_specversion_1_0_is_accepted(String specversion) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new CloudEvent<>(specversion, "id-1", "/test", "t.v1", null, T, null, "x"))
                .withMessageContaining("specversion");
    }

    @Test
    void a_missing_content_type_defaults_to_json_while_subject_time_and_data_are_optional() {
        CloudEvent<Object> event = new CloudEvent<>("1.0", "id-1", "/test", "t.v1", null, null, null, null);

        assertThat(event.datacontenttype()).isEqualTo("application/json");
        assertThat(event.subject()).isNull();
        assertThat(event.time()).isNull();
    }
}
