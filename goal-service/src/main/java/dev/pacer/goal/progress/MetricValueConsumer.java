package dev.pacer.goal.progress;

import dev.pacer.events.CloudEvent;
import dev.pacer.events.EventTypes;
import dev.pacer.events.MetricValueChanged;
import dev.pacer.platform.messaging.EventConsumer;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes {@code pacer.metric-values} a poll at a time: each event is applied once (by event id) to the replicated
 * values, and the goals measured by the slices that changed are recomputed once per poll, all in one transaction;
 * events that can never be applied go to {@code pacer.metric-values.dlq} alone.
 */
@ApplicationScoped
public class MetricValueConsumer {
    /** The name under which applied event ids are recorded. */
    public static final String NAME = "goal-metric-values";

    private final EventConsumer events;
    private final GoalProgressService progress;

    public MetricValueConsumer(EventConsumer events, GoalProgressService progress) {
        this.events = events;
        this.progress = progress;
    }

    @Incoming("metric-values")
    @Blocking
    public void onMetricValuesChanged(ConsumerRecords<String, String> records) {
        events.applyBatch(NAME, records, MetricValueChanged.class, EventTypes.METRIC_VALUE_CHANGED,
                batch -> progress.metricValuesChanged(batch.stream().map(CloudEvent::data).toList()));
    }
}
