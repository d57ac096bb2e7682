package dev.pacer.events;

/** The {@code data} of a Pacer CloudEvent: knows its event type, topic and Kafka key. */
public sealed interface EventPayload
        permits RecordChanged, CatalogChanged, MetricValueChanged, GoalProgressChanged, AlertStateChanged {

    /** The CloudEvents {@code type}, one of {@link EventTypes}. */
    String eventType();

    /** The topic the event is published to, one of {@link Topics#ALL}. */
    String topic();

    /** The Kafka record key, which keeps the events of one entity in order. */
    String kafkaKey();
}
