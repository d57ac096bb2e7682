package dev.pacer.goal.progress;

import dev.pacer.events.EventTypes;
import dev.pacer.events.MetricValueChanged;
import dev.pacer.platform.messaging.EventConsumer;
import dev.pacer.platform.messaging.PoisonMessageException;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes {@code pacer.metric-values}: each event is applied once (by event id) to the replicated values and the
 * progress of the goals it measures, in one transaction; events that can never be applied go to
 * {@code pacer.metric-values.dlq}.
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
    public void onMetricValueChanged(ConsumerRecord<String, String> record) {
        events.apply(NAME, record, MetricValueChanged.class, event -> {
            if (!EventTypes.METRIC_VALUE_CHANGED.equals(event.type())) {
                throw new PoisonMessageException("Event " + event.id() + " on pacer.metric-values has type "
                        + event.type() + ", not " + EventTypes.METRIC_VALUE_CHANGED);
            }
            progress.metricValueChanged(event.data());
        });
    }
}
