package dev.pacer.ingest;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Optional;

/** Settings of ingest-service ({@code pacer.ingest.*}). */
@ConfigMapping(prefix = "pacer.ingest")
public interface IngestConfig {
    /** The zone of timestamps that arrive without an offset, and in which a DATE event time starts its day. */
    @WithDefault("UTC")
    ZoneId timeZone();

    /** REST push ({@code POST /ingest/{dataset}}). */
    Push push();

    /**
     * Base64 of the 32-byte AES key that encrypts source credentials ({@code PACER_INGEST_SECRET_KEY}); required
     * outside the dev and test profiles.
     */
    Optional<String> secretKey();

    /** Pull sources ({@code /sources}). */
    Sources sources();

    /** File uploads ({@code /uploads}). */
    Uploads uploads();

    /** HTTP sources: how their APIs are called. */
    Http http();

    interface Http {
        /** How long connecting to an API may take. */
        @WithDefault("10s")
        Duration connectTimeout();

        /** How long one request may wait for its response to start. */
        @WithDefault("60s")
        Duration requestTimeout();

        /** Attempts of one request in all when the API answers 429 or 5xx or cannot be reached; then the run fails. */
        @WithDefault("5")
        int maxAttempts();

        /** The wait after the first failed attempt without a Retry-After; doubled after each further one. */
        @WithDefault("1s")
        Duration initialBackoff();

        /** The longest wait between attempts, also when the API's Retry-After asks for longer. */
        @WithDefault("60s")
        Duration maxRetryWait();

        /** The largest response body read; a larger page fails the run. */
        @WithDefault("50000000")
        long maxResponseBytes();
    }

    interface Uploads {
        /** Largest file accepted, in bytes; larger is a 413. */
        @WithDefault("20000000")
        long maxBytes();

        /** Rows validated, published and acknowledged together. */
        @WithDefault("5000")
        int chunkSize();

        /** Most data rows of an XLSX sheet (a compressed workbook can hold far more rows than its size suggests). */
        @WithDefault("300000")
        int xlsxMaxRows();

        /** Largest uncompressed part of an XLSX workbook, in bytes (zip bomb protection). */
        @WithDefault("500000000")
        long xlsxMaxUnzippedBytes();
    }

    interface Sources {
        /** Records validated, published and acknowledged together; the cursor is saved after each such chunk. */
        @WithDefault("5000")
        int chunkSize();

        /** Rows the JDBC driver fetches per round trip (streaming; never the whole result in memory). */
        @WithDefault("1000")
        int fetchSize();

        /** How long connecting to a source database may take before the run fails. */
        @WithDefault("10s")
        Duration connectTimeout();

        /** Runs executing at the same time in this instance; more wait in line. */
        @WithDefault("2")
        int maxConcurrentRuns();

        /** A run still marked running after this long is taken for crashed: marked failed, and a new run may start. */
        @WithDefault("6h")
        Duration runLease();

        /** How often due schedules are looked for ({@code off} disables scheduled runs in this instance). */
        @WithDefault("15s")
        String tick();
    }

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
