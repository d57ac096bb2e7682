package dev.pacer.ingest.push;

import dev.pacer.ingest.IngestConfig;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The Kafka producer dedicated to pushed records: durable ({@code acks=all}, idempotent, so a retried send never
 * duplicates or reorders within a partition) and built for throughput (a short linger, large batches and lz4
 * compression, since a push sends thousands of records at once and waits for all of them anyway). Every setting that
 * shapes throughput is a {@code pacer.ingest.push.*} property ({@link IngestConfig.Push}).
 */
public class RecordProducerFactory {
    private static final Logger LOG = Logger.getLogger(RecordProducerFactory.class);
    private static final List<String> DESCRIBED = List.of(ProducerConfig.ACKS_CONFIG,
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION,
            ProducerConfig.LINGER_MS_CONFIG, ProducerConfig.BATCH_SIZE_CONFIG, ProducerConfig.COMPRESSION_TYPE_CONFIG,
            ProducerConfig.BUFFER_MEMORY_CONFIG, ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
            ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG);

    @Produces
    @Singleton
    @PushRecords
    Producer<String, String> producer(IngestConfig config,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            @ConfigProperty(name = "quarkus.application.name") String serviceName) {
        IngestConfig.Push push = config.push();
        int ackTimeoutMs = (int) Math.min(Integer.MAX_VALUE, push.ackTimeout().toMillis());
        // Half the push's wait per request, so a request that times out on a starved machine can be retried once
        // within the delivery timeout: with request timeout = delivery timeout there is no room for a retry, the
        // idempotent producer expires the batch and resets its sequence numbers, and the next sends fail with
        // OutOfOrderSequenceException (seen under load in the upload tests).
        int requestTimeoutMs = Math.max(1, ackTimeoutMs / 2);
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, serviceName + "-push");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        props.put(ProducerConfig.LINGER_MS_CONFIG, (int) push.linger().toMillis());
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, push.batchSize());
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, push.compression());
        props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, push.bufferMemory());
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, push.maxRequestSize());
        // A push waits at most ackTimeout; Kafka must give up on a record by then too, so the 503 is the truth.
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, ackTimeoutMs);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, requestTimeoutMs);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, ackTimeoutMs + (int) push.linger().toMillis());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        // Kafka's own config log is silenced (WARN); this line says what pushed records are published with (the
        // ingest benchmark runs its raw-producer baseline with the same settings, read from here).
        LOG.infof("Push producer settings: %s", describe(props));
        return new KafkaProducer<>(props);
    }

    /** The durability and throughput settings among {@code props}, as {@code name=value} pairs. */
    static String describe(Properties props) {
        StringBuilder sb = new StringBuilder();
        for (String name : DESCRIBED) {
            if (props.containsKey(name)) {
                sb.append(sb.isEmpty() ? "" : " ").append(name).append('=').append(props.get(name));
            }
        }
        return sb.toString();
    }

    void close(@Disposes @PushRecords Producer<String, String> producer) {
        producer.close(Duration.ofSeconds(5));
    }
}
