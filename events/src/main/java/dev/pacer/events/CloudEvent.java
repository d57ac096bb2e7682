package dev.pacer.events;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** A CloudEvents 1.0 envelope in structured mode (JSON), carrying a payload of type {@code T}. */
public record CloudEvent<T>(
        String specversion,
        String id,
        String source,
        String type,
        String subject,
        OffsetDateTime time,
        String datacontenttype,
        T data) {

    public static final String SPEC_VERSION = "1.0";
    public static final String JSON = "application/json";

    public CloudEvent {
        if (!SPEC_VERSION.equals(specversion)) {
            throw new IllegalArgumentException("specversion must be " + SPEC_VERSION + " but was " + specversion);
        }
        Checks.text(id, "id");
        Checks.text(source, "source");
        Checks.text(type, "type");
        if (datacontenttype == null) {
            datacontenttype = JSON;
        }
    }

    /** A new event with a random UUID id, the current time in UTC and JSON data. */
    public static <T> CloudEvent<T> of(String type, String source, String subject, T data) {
        return new CloudEvent<>(SPEC_VERSION, UUID.randomUUID().toString(), source, type, subject,
                OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS), JSON, data);
    }

    /** A new event for a Pacer payload: type from the payload, subject its Kafka key. */
    public static <P extends EventPayload> CloudEvent<P> of(String source, P data) {
        Checks.present(data, "data");
        return of(data.eventType(), source, data.kafkaKey(), data);
    }
}
