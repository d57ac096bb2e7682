package dev.pacer.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Talks to the test broker of {@link KafkaBrokerResource} directly: sends records as another service would, and
 * reads topics from the beginning to see what a service published.
 */
public final class KafkaTestClient {
    private static KafkaProducer<String, String> producer;
    private static KafkaProducer<String, byte[]> bytesProducer;

    private KafkaTestClient() {
    }

    /** Sends one record and waits until the broker acknowledged it (acks=all). */
    public static void send(String topic, String key, String value) {
        send(topic, key, value, Map.of());
    }

    public static void send(String topic, String key, String value, Map<String, String> headers) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, value);
        headers.forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
        try {
            producer().send(record).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not send to " + topic + ": " + e.getMessage(), e);
        }
    }

    /** Sends one record whose value is raw bytes (not necessarily UTF-8) and waits until the broker acknowledged it. */
    public static void sendBytes(String topic, String key, byte[] value) {
        try {
            bytesProducer().send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not send to " + topic + ": " + e.getMessage(), e);
        }
    }

    /** Sends many records (keys and values in pairs) and waits until the broker acknowledged all of them. */
    public static void sendAll(String topic, List<Map.Entry<String, String>> records) {
        List<java.util.concurrent.Future<?>> acks = new ArrayList<>(records.size());
        for (Map.Entry<String, String> r : records) {
            acks.add(producer().send(new ProducerRecord<>(topic, r.getKey(), r.getValue())));
        }
        producer().flush();
        for (java.util.concurrent.Future<?> ack : acks) {
            try {
                ack.get(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("Could not send to " + topic + ": " + e.getMessage(), e);
            }
        }
    }

    /**
     * Waits until consumer group {@code groupId} has committed offsets at the end of every partition of {@code topic},
     * i.e. has processed everything sent so far, or fails after {@code timeout}.
     */
    public static void awaitConsumed(String groupId, String topic, Duration timeout) {
        Properties p = new Properties();
        p.put("bootstrap.servers", KafkaBrokerResource.bootstrapServers());
        Instant deadline = Instant.now().plus(timeout);
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(p)) {
            while (true) {
                var partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions();
                Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> latest =
                        new java.util.HashMap<>();
                partitions.forEach(tp -> latest.put(new org.apache.kafka.common.TopicPartition(topic, tp.partition()),
                        org.apache.kafka.clients.admin.OffsetSpec.latest()));
                var ends = admin.listOffsets(latest).all().get();
                var committed = admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get();
                boolean done = ends.entrySet().stream().allMatch(e -> e.getValue().offset() == 0
                        || (committed.get(e.getKey()) != null
                                && committed.get(e.getKey()).offset() >= e.getValue().offset()));
                if (done) {
                    return;
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new AssertionError("Group " + groupId + " did not consume all of " + topic + " within "
                            + timeout + ": ends " + ends + ", committed " + committed);
                }
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Could not read offsets of " + topic + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads {@code topic} from the beginning with a fresh consumer group until {@code done} holds for what was read,
     * or fails when {@code timeout} passes. Returns every record read.
     */
    public static List<ConsumerRecord<String, String>> poll(String topic,
            Predicate<List<ConsumerRecord<String, String>>> done, Duration timeout) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBrokerResource.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<ConsumerRecord<String, String>> seen = new ArrayList<>();
        Instant deadline = Instant.now().plus(timeout);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            consumer.subscribe(List.of(topic));
            while (!done.test(seen)) {
                if (Instant.now().isAfter(deadline)) {
                    throw new AssertionError("Timed out after " + timeout + " reading " + topic + "; read "
                            + seen.size() + " records: " + seen.stream().map(ConsumerRecord::key).toList());
                }
                consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
            }
        }
        return seen;
    }

    private static synchronized KafkaProducer<String, String> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(producerConfig(StringSerializer.class));
        }
        return producer;
    }

    private static synchronized KafkaProducer<String, byte[]> bytesProducer() {
        if (bytesProducer == null) {
            bytesProducer = new KafkaProducer<>(producerConfig(ByteArraySerializer.class));
        }
        return bytesProducer;
    }

    private static Properties producerConfig(Class<?> valueSerializer) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBrokerResource.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, valueSerializer.getName());
        return p;
    }
}
