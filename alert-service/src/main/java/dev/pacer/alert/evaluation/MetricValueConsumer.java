package dev.pacer.alert.evaluation;

import dev.pacer.events.EventTypes;
import dev.pacer.events.MetricValueChanged;
import dev.pacer.platform.messaging.EventConsumer;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Keeps the metric history and evaluates the metric rules on {@code pacer.metric-values} a poll at a time: the events
 * in order, each once per event id, in one transaction per poll; events that can never be applied go to
 * {@code pacer.metric-values.dlq} alone.
 */
@ApplicationScoped
public class MetricValueConsumer {
    /** The name under which applied event ids are recorded. */
    public static final String NAME = "alert-metric-values";

    private final EventConsumer events;
    private final Evaluator evaluator;

    public MetricValueConsumer(EventConsumer events, Evaluator evaluator) {
        this.events = events;
        this.evaluator = evaluator;
    }

    @Incoming("metric-values")
    @Blocking
    public void onMetricValues(ConsumerRecords<String, String> records) {
        events.applyBatch(NAME, records, MetricValueChanged.class, EventTypes.METRIC_VALUE_CHANGED,
                evaluator::onMetricValues);
    }
}
