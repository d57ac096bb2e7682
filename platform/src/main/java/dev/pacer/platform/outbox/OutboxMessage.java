package dev.pacer.platform.outbox;

import dev.pacer.events.CloudEvent;

/** One event to publish: the topic, the Kafka key that keeps its order, and the CloudEvents envelope. */
public record OutboxMessage(String topic, String key, CloudEvent<?> event) {
    public OutboxMessage {
        if (topic == null || topic.isBlank() || key == null || event == null) {
            throw new IllegalArgumentException("topic, key and event are required");
        }
    }
}
