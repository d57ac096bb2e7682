package dev.pacer.metric.fact;

import jakarta.enterprise.inject.spi.CDI;
import java.nio.ByteBuffer;
import java.util.Map;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads {@code pacer.records} messages ahead, in the Kafka client's polling thread, which fetches the next batch while the
 * records consumer applies the one before: the reading (a third of the consumer's own time under load) then overlaps the
 * database's work instead of preceding it. Only the fast path is taken here ({@link RecordsConsumer#readAhead}); a message
 * it does not accept, one read for other event-time fields than the batch's, or any failure leaves the reading to the
 * consumer, which decides with the full parse, the message's partition and offset at hand. Never throws: what Kafka
 * delivered always reaches the consumer.
 */
public class ReadAheadDeserializer implements Deserializer<ReadAhead> {
    private RecordsConsumer consumer;

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        try {
            consumer = CDI.current().select(RecordsConsumer.class).get();
        } catch (RuntimeException e) {
            consumer = null; // no container (a plain Kafka client): the consumer reads every message itself
        }
    }

    @Override
    public ReadAhead deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        ByteBuffer bytes = ByteBuffer.wrap(data);
        if (consumer != null) {
            try {
                return consumer.readAhead(bytes);
            } catch (RuntimeException e) {
                // left to the consumer
            }
        }
        return new ReadAhead(bytes, null, null);
    }
}
