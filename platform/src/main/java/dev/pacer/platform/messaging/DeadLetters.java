package dev.pacer.platform.messaging;

import dev.pacer.events.DeadLetterHeaders;
import dev.pacer.events.Topics;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Sends one record of a batch to its topic's dead-letter topic, with the same origin headers as SmallRye's
 * dead-letter strategy (which can only dead-letter whole batches), so that batch consumers skip a poison record and
 * go on with the rest.
 */
@ApplicationScoped
public class DeadLetters {
    private final String bootstrapServers;
    private final String serviceName;
    private KafkaProducer<String, byte[]> producer;

    public DeadLetters(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            @ConfigProperty(name = "quarkus.application.name") String serviceName) {
        this.bootstrapServers = bootstrapServers;
        this.serviceName = serviceName;
    }

    /**
     * Dead-letters {@code record} — its value as it arrived: text (sent as UTF-8) or bytes (an array or a buffer) — and
     * waits until Kafka acknowledged it.
     */
    public void send(ConsumerRecord<String, ?> record, Throwable reason) {
        byte[] value;
        if (record.value() instanceof String text) {
            value = text.getBytes(StandardCharsets.UTF_8);
        } else if (record.value() instanceof ByteBuffer bytes) {
            value = Utils.toArray(bytes.duplicate());
        } else {
            value = (byte[]) record.value();
        }
        ProducerRecord<String, byte[]> dead = new ProducerRecord<>(Topics.deadLetter(record.topic()), record.key(),
                value);
        for (Header h : record.headers()) {
            dead.headers().add(h);
        }
        add(dead, DeadLetterHeaders.REASON, reason.getMessage() == null ? reason.toString() : reason.getMessage());
        if (reason.getCause() != null) {
            add(dead, DeadLetterHeaders.CAUSE, String.valueOf(reason.getCause().getMessage()));
        }
        add(dead, DeadLetterHeaders.TOPIC, record.topic());
        add(dead, DeadLetterHeaders.PARTITION, String.valueOf(record.partition()));
        add(dead, DeadLetterHeaders.OFFSET, String.valueOf(record.offset()));
        add(dead, DeadLetterHeaders.EXCEPTION_CLASS_NAME, reason.getClass().getName());
        try {
            producer().send(dead).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not dead-letter " + EventConsumer.origin(record) + ": "
                    + e.getMessage(), e);
        }
    }

    private static void add(ProducerRecord<String, byte[]> r, String name, String value) {
        r.headers().remove(name);
        r.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private synchronized KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            Properties p = new Properties();
            p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            p.put(ProducerConfig.CLIENT_ID_CONFIG, serviceName + "-dead-letters");
            p.put(ProducerConfig.ACKS_CONFIG, "all");
            p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
            producer = new KafkaProducer<>(p);
        }
        return producer;
    }

    synchronized void close(@Observes ShutdownEvent event) {
        if (producer != null) {
            producer.close(java.time.Duration.ofSeconds(5));
        }
    }
}
