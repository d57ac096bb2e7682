package dev.pacer.metric.fact;

import java.nio.ByteBuffer;
import java.util.Set;

/**
 * A {@code pacer.records} value as the Kafka client's polling thread hands it over ({@link ReadAheadDeserializer}): the
 * message's bytes and, when that thread could already read it, the message read from them while the records consumer was
 * still applying the batch before — with the event-time field names it was read for, which the consumer compares with
 * those of its own batch ({@link RecordsConsumer}).
 *
 * @param bytes          the message as Kafka delivered it
 * @param timeFieldNames the names {@code message} was read for; null when it was not read ahead
 * @param message        the message read ahead on the fast path of {@link RecordEvents#fastRead}; null when it was not
 *                       (the consumer reads it then, with the full parse and its poison handling)
 */
record ReadAhead(ByteBuffer bytes, Set<String> timeFieldNames, RecordMessage message) {
}
