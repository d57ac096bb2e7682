package dev.pacer.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class KafkaKeyTest {

    @Test
    void records_are_keyed_by_dataset_and_primary_key() {
        assertThat(EventSamples.recordUpsert().kafkaKey()).isEqualTo("orders:SO-1001-10");
        assertThat(RecordChanged.kafkaKeyOf("leads", "L-7")).isEqualTo("leads:L-7");
    }

    @Test
    void an_upsert_and_a_delete_of_the_same_record_share_a_key_so_they_stay_in_order() {
        assertThat(EventSamples.recordDelete().kafkaKey()).isEqualTo(EventSamples.recordUpsert().kafkaKey());
    }

    @Test
    void catalog_entries_are_keyed_by_lower_case_kind_and_key() {
        assertThat(EventSamples.metricDefinition().kafkaKey()).isEqualTo("metric:revenue");
        assertThat(EventSamples.deletedDataset().kafkaKey()).isEqualTo("dataset:leads");
        assertThat(CatalogChanged.kafkaKeyOf(CatalogKind.DATASET, "orders")).isEqualTo("dataset:orders");
    }

    @Test
    void metric_values_are_keyed_by_metric_key_whatever_the_period_or_slice() {
        assertThat(EventSamples.metricValue().kafkaKey()).isEqualTo("revenue");
        assertThat(EventSamples.emptyTotal().kafkaKey()).isEqualTo("new_customers");
    }

    @Test
    void goal_progress_is_keyed_by_goal_id() {
        assertThat(EventSamples.goalProgress().kafkaKey()).isEqualTo("goal-17");
    }

    @Test
    void alerts_are_keyed_by_fingerprint_not_by_alert_id() {
        assertThat(EventSamples.alertFiring().kafkaKey()).isEqualTo("a1b2c3d4");
    }

    @Test
    void each_payload_names_its_own_topic_and_event_type() {
        assertThat(EventSamples.recordUpsert()).extracting(EventPayload::topic, EventPayload::eventType)
                .containsExactly(Topics.RECORDS, EventTypes.RECORD_CHANGED);
        assertThat(EventSamples.metricDefinition()).extracting(EventPayload::topic, EventPayload::eventType)
                .containsExactly(Topics.CATALOG, EventTypes.CATALOG_CHANGED);
        assertThat(EventSamples.metricValue()).extracting(EventPayload::topic, EventPayload::eventType)
                .containsExactly(Topics.METRIC_VALUES, EventTypes.METRIC_VALUE_CHANGED);
        assertThat(EventSamples.goalProgress()).extracting(EventPayload::topic, EventPayload::eventType)
                .containsExactly(Topics.GOAL_PROGRESS, EventTypes.GOAL_PROGRESS_CHANGED);
        assertThat(EventSamples.alertFiring()).extracting(EventPayload::topic, EventPayload::eventType)
                .containsExactly(Topics.ALERTS, EventTypes.ALERT_STATE_CHANGED);
    }

    @Test
    void a_payload_without_its_key_fields_is_rejected() {
        assertThatThrownBy(() -> new GoalProgressChanged(" ", null, "t", "sales", null, null, "FY2025",
                null, null, null, null, null, null, PaceStatus.NO_DATA, null, null, EventSamples.NOW))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("goalId");
        assertThatThrownBy(() -> new RecordChanged("orders", "1", RecordOperation.UPSERT, "erp", 1, null, null,
                EventSamples.NOW))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("fields");
    }
}
