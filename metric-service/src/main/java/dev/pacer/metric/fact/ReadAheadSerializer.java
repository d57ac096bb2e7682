package dev.pacer.metric.fact;

import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Utils;

/**
 * Writes a {@link ReadAhead} back as the bytes it was read from: the serializer smallrye's dead-letter queue of the
 * {@code records} channel takes for {@link ReadAheadDeserializer} (it names it after the deserializer), so a record it
 * dead-letters keeps its message as it was.
 */
public class ReadAheadSerializer implements Serializer<ReadAhead> {
    @Override
    public byte[] serialize(String topic, ReadAhead data) {
        return data == null || data.bytes() == null ? null : Utils.toArray(data.bytes().duplicate());
    }
}
