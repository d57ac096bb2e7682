package dev.pacer.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TopicsTest {

    @Test
    void the_five_main_topics_are_listed_in_data_flow_order() {
        assertThat(Topics.ALL).containsExactly(
                "pacer.records", "pacer.catalog", "pacer.metric-values", "pacer.goal-progress", "pacer.alerts");
    }

    @Test
    void a_dead_letter_topic_is_the_topic_with_a_dlq_suffix() {
        assertThat(Topics.deadLetter(Topics.METRIC_VALUES)).isEqualTo("pacer.metric-values.dlq");
    }

    @Test
    void a_blank_topic_has_no_dead_letter_topic() {
        assertThatThrownBy(() -> Topics.deadLetter(" ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void event_types_are_versioned_and_namespaced() {
        assertThat(EventTypes.ALL).hasSize(5).allMatch(type -> type.matches("dev\\.pacer\\.[a-z.-]+\\.v1"));
    }
}
