package dev.pacer.ingest;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.time.ZoneId;

/** Settings of ingest-service ({@code pacer.ingest.*}). */
@ConfigMapping(prefix = "pacer.ingest")
public interface IngestConfig {
    /** The zone of timestamps that arrive without an offset, and in which a DATE event time starts its day. */
    @WithDefault("UTC")
    ZoneId timeZone();

    /** REST push ({@code POST /ingest/{dataset}}). */
    Push push();

    interface Push {
        /** Most records in one batch; more is a 413. */
        @WithDefault("10000")
        int maxRecords();

        /** How long a batch may wait for Kafka to acknowledge all its records before the push fails with 503. */
        @WithDefault("30s")
        Duration ackTimeout();

        /** The producer's linger: how long it waits to fill a batch before sending. */
        @WithDefault("5ms")
        Duration linger();

        /** The producer's batch size in bytes (per partition). */
        @WithDefault("524288")
        int batchSize();

        /**
         * How long an Idempotency-Key whose request is still running blocks a retry (409); after that the request is
         * taken for crashed and a retry runs again. Must exceed the ack timeout.
         */
        @WithDefault("2m")
        Duration idempotencyLease();

        /** How long an Idempotency-Key and its answer are kept. */
        @WithDefault("P1D")
        Duration idempotencyRetention();
    }
}
