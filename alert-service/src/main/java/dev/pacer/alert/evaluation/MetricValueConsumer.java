package dev.pacer.alert.evaluation;

import dev.pacer.events.EventTypes;
import dev.pacer.events.MetricValueChanged;
import dev.pacer.platform.messaging.EventConsumer;
import dev.pacer.platform.messaging.PoisonMessageException;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Keeps the metric history and evaluates the metric rules on each {@code pacer.metric-values} event, once per event
 * id; events that can never be applied go to {@code pacer.metric-values.dlq}.
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
    public void onMetricValue(ConsumerRecord<String, String> record) {
        events.apply(NAME, record, MetricValueChanged.class, event -> {
            if (!EventTypes.METRIC_VALUE_CHANGED.equals(event.type())) {
                throw new PoisonMessageException("Event " + event.id() + " on pacer.metric-values has type "
                        + event.type() + ", not " + EventTypes.METRIC_VALUE_CHANGED);
            }
            evaluator.onMetricValue(event.id(), event.data());
        });
    }
}
