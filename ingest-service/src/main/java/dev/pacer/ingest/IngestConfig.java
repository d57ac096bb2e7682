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

    /**
     * How long a dataset schema read from the database is used by pushes, webhooks and source runs before it is read
     * again: the longest a change applied by another instance goes unseen here (changes this instance applies are seen
     * at once). {@code 0s} reads it for every batch.
     */
    @WithDefault("1s")
    Duration schemaCacheTtl();

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

        /**
         * How often this instance vouches for the upload jobs it runs and looks for jobs of stopped instances
         * ({@code off} disables both; tests drive them).
         */
        @WithDefault("20s")
        String heartbeat();

        /**
         * A QUEUED or RUNNING job whose instance has not vouched for it this long is taken for interrupted by a
         * restart and marked failed. Must be several heartbeats long.
         */
        @WithDefault("2m")
        Duration lease();

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

        /**
         * The hosts JDBC and HTTP sources may connect to ({@code PACER_INGEST_SOURCE_HOSTS}): comma-separated host
         * names, {@code *.domain} wildcards, IP addresses and CIDR ranges; unset or empty allows every host.
         */
        Optional<String> allowedHosts();

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

        /**
         * The producer's linger: how long it waits to fill a batch before sending. A push sends its records at once
         * and waits for all of them, so a longer linger mostly merges the batches of concurrent pushes into fewer,
         * larger produce requests (less work per record for the broker); each push's answer waits up to this long more.
         */
        @WithDefault("10ms")
        Duration linger();

        /** The producer's batch size in bytes (per partition). */
        @WithDefault("524288")
        int batchSize();

        /**
         * The producer's compression of record batches: {@code none}, {@code gzip}, {@code snappy}, {@code lz4} or
         * {@code zstd}. CloudEvents of records are repetitive JSON; lz4 shrinks them several times over at little CPU,
         * so the broker receives, checks and writes a fraction of the bytes.
         */
        @WithDefault("lz4")
        String compression();

        /** The producer's buffer for records not yet acknowledged, in bytes; a send blocks (up to the ack timeout) when full. */
        @WithDefault("134217728")
        long bufferMemory();

        /**
         * The largest produce request in bytes: batches of several partitions travel together up to this size, so it
         * should hold a full batch of each partition of {@code pacer.records}.
         */
        @WithDefault("4194304")
        int maxRequestSize();

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
