package dev.pacer.bench.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** What a benchmark reads back from a topic: end offsets, and the size of what a service published. */
public final class KafkaReadings {
    private KafkaReadings() {
    }

    /** The sum of the end offsets of the topic's partitions 0 … partitions−1. */
    public static long endOffset(String bootstrapServers, String topic, int partitions) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrapServers)) {
            return consumer.endOffsets(partitions(topic, partitions)).values().stream().mapToLong(Long::longValue)
                    .sum();
        }
    }

    /** Average value size in bytes of the last records of the topic (up to 500 per partition, 1,000 in all). */
    public static int averageValueSize(String bootstrapServers, String topic, int partitions) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrapServers)) {
            List<TopicPartition> tps = partitions(topic, partitions);
            consumer.assign(tps);
            Map<TopicPartition, Long> ends = consumer.endOffsets(tps);
            for (TopicPartition tp : tps) {
                consumer.seek(tp, Math.max(0, ends.get(tp) - 500));
            }
            long bytes = 0;
            int n = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (n < 1_000 && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    bytes += r.value().length;
                    n++;
                }
            }
            if (n == 0) {
                throw new IllegalStateException("read no record back from " + topic);
            }
            return (int) (bytes / n);
        }
    }

    /**
     * The values of the last records of the topic, up to {@code perPartition} of each partition (what a raw producer
     * can send as its payloads, so that it sends what the service published, compressible alike).
     */
    public static List<byte[]> lastValues(String bootstrapServers, String topic, int partitions, int perPartition) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrapServers)) {
            List<TopicPartition> tps = partitions(topic, partitions);
            consumer.assign(tps);
            Map<TopicPartition, Long> ends = consumer.endOffsets(tps);
            long expected = 0;
            for (TopicPartition tp : tps) {
                long from = Math.max(0, ends.get(tp) - perPartition);
                consumer.seek(tp, from);
                expected += ends.get(tp) - from;
            }
            List<byte[]> values = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (values.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    if (r.value() != null) {
                        values.add(r.value());
                    }
                }
            }
            if (values.isEmpty()) {
                throw new IllegalStateException("read no record back from " + topic);
            }
            return values;
        }
    }

    private static KafkaConsumer<byte[], byte[]> consumer(String bootstrapServers) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return new KafkaConsumer<>(p);
    }

    private static List<TopicPartition> partitions(String topic, int partitions) {
        List<TopicPartition> out = new ArrayList<>();
        for (int i = 0; i < partitions; i++) {
            out.add(new TopicPartition(topic, i));
        }
        return out;
    }
}
