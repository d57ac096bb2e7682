package dev.pacer.ingest.source;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.pacer.events.RecordChanged;
import dev.pacer.events.RecordOperation;
import dev.pacer.ingest.IngestConfig;
import dev.pacer.ingest.catalog.DatasetSchema;
import dev.pacer.ingest.catalog.DatasetSchemas;
import dev.pacer.ingest.catalog.RecordCheck;
import dev.pacer.ingest.hosts.SourceHosts;
import dev.pacer.ingest.http.HttpPuller;
import dev.pacer.ingest.http.HttpSettings;
import dev.pacer.ingest.http.RetryPolicy;
import dev.pacer.ingest.jdbc.CursorPosition;
import dev.pacer.ingest.jdbc.JdbcPuller;
import dev.pacer.ingest.jdbc.JdbcSettings;
import dev.pacer.ingest.jdbc.RefreshDiff;
import dev.pacer.ingest.jdbc.SourceFailure;
import dev.pacer.ingest.jdbc.SyncMode;
import dev.pacer.ingest.push.BatchValidator;
import dev.pacer.ingest.push.RecordPublisher;
import dev.pacer.ingest.push.RejectionStore;
import dev.pacer.ingest.push.SourceVersions;
import dev.pacer.platform.paging.Cursors;
import dev.pacer.platform.paging.Page;
import dev.pacer.platform.problem.ProblemException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Sort;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Runs of sources: starting one (at most one per source at a time), executing it in the background, and its history.
 *
 * <p>A run reads the source in chunks; each chunk's valid records are published with the {@link RecordPublisher}
 * (acks=all) and only then, in one transaction, its rejections are stored and the cursor and counters saved. A run
 * that fails keeps the cursor of its last acknowledged chunk (the one it started from, when nothing was published),
 * so the next run picks up there; records published again are harmless upserts by primary key. JDBC sources are read
 * by the {@link JdbcPuller}, HTTP sources by the {@link HttpPuller}; both go the same way from their chunks on.
 */
@ApplicationScoped
public class SourceRuns {
    private static final Logger LOG = Logger.getLogger(SourceRuns.class);
    /** How a source's rejections are labelled in the quarantine: {@code source:<id>}. */
    public static final String REJECTION_SOURCE_PREFIX = "source:";
    static final String DEFAULT_SOURCE_SYSTEM = "jdbc";
    static final String DEFAULT_HTTP_SOURCE_SYSTEM = "http";

    private final SourceService sources;
    private final DatasetSchemas schemas;
    private final RecordPublisher publisher;
    private final RejectionStore rejections;
    private final SourceKeys keys;
    private final IngestConfig config;
    private final Clock clock;
    private final ObjectMapper payloads;
    private final ObjectMapper canonical;
    private final SourceVersions versions;
    private final JdbcPuller puller;
    private final HttpPuller httpPuller;
    private final ExecutorService executor;

    public SourceRuns(SourceService sources, DatasetSchemas schemas, RecordPublisher publisher,
            RejectionStore rejections, SourceKeys keys, IngestConfig config, Clock clock, ObjectMapper json,
            SourceHosts hosts) {
        this.sources = sources;
        this.schemas = schemas;
        this.publisher = publisher;
        this.rejections = rejections;
        this.keys = keys;
        this.config = config;
        this.clock = clock;
        this.payloads = json.copy().enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
        this.canonical = json.copy().enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
        this.versions = new SourceVersions(clock);
        this.puller = new JdbcPuller(config.sources().connectTimeout(), config.sources().fetchSize(),
                hosts::requireJdbc);
        IngestConfig.Http http = config.http();
        this.httpPuller = new HttpPuller(HttpPuller.client(http.connectTimeout()), http.requestTimeout(),
                new RetryPolicy(http.maxAttempts(), http.initialBackoff(), http.maxRetryWait()),
                http.maxResponseBytes(), json, clock, d -> Thread.sleep(d.toMillis()), hosts::requireHttp);
        AtomicInteger n = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(config.sources().maxConcurrentRuns(), r -> {
            Thread t = new Thread(r, "source-run-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }

    /** Starts a run of a source the caller may manage (409 when one is in progress); it executes in the background. */
    public SourceRun runNow(UUID sourceId) {
        SourceRunEntity run = QuarkusTransaction.requiringNew().call(() -> {
            SourceEntity s = sources.visible(sourceId, true);
            requirePull(s);
            SourceRunEntity claimed = claim(s, RunTrigger.MANUAL);
            if (claimed == null) {
                // read again: the run that stopped the claim may have finished since (it does not lock the source)
                SourceRunEntity running = SourceRunEntity.running(sourceId);
                throw ProblemException.conflict(running == null
                        ? "A run of this source was in progress a moment ago; start another now that it finished"
                        : "Run " + running.id + " of this source is in progress since " + running.startedAt
                                + "; wait for it to finish");
            }
            return claimed;
        });
        submit(run.id);
        return view(run);
    }

    /** Tests the connection of a saved source (an HTTP source: reads its first page). */
    public ConnectionTest test(UUID sourceId) {
        record Target(JdbcSettings settings, HttpSettings http, String password) {
        }
        Target t = QuarkusTransaction.requiringNew().call(() -> {
            SourceEntity s = sources.visible(sourceId, false);
            requirePull(s);
            boolean http = SourceService.isHttp(s);
            return new Target(http ? null : sources.settings(s), http ? sources.httpSettings(s) : null,
                    sources.password(s));
        });
        if (t.http() != null) {
            HttpPuller.Check check = httpPuller.test(t.http(), t.password());
            return new ConnectionTest(check.ok(), check.message(), check.members());
        }
        return test(t.settings(), t.password());
    }

    /** Tests settings before they are saved. */
    public ConnectionTest test(JdbcSettings settings, String password) {
        JdbcPuller.ConnectionCheck check = puller.test(settings, password);
        return new ConnectionTest(check.ok(), check.message(), check.columns());
    }

    /**
     * The first rows of unsaved settings, mapped and checked as a run would; a source that cannot be read is an
     * answer with the reason.
     */
    public SourcePreview preview(SourceRequest request, int limit) {
        sources.checkNew(request);
        boolean http = SourceService.KIND_HTTP.equals(request.kindOrDefault());
        if (!http && !SourceService.KIND_JDBC.equals(request.kindOrDefault())) {
            throw ProblemException.invalid("kind", "a preview reads a JDBC or HTTP source; a "
                    + request.kindOrDefault() + " source receives its records");
        }
        DatasetSchema schema = schemas.require(request.dataset());
        List<String> columns;
        List<?> records;
        try {
            if (http) {
                HttpPuller.Sample sample = httpPuller.sample(request.http(), request.http().authValue(), schema,
                        request.mappingOrEmpty(), limit);
                columns = sample.members();
                records = sample.records();
            } else {
                JdbcPuller.Sample sample = puller.sample(request.jdbc(), request.jdbc().password(), schema,
                        request.mappingOrEmpty(), limit);
                columns = sample.columns();
                records = sample.records();
            }
        } catch (SourceFailure e) {
            return new SourcePreview(false, e.getMessage(), List.of(), List.of());
        }
        List<SourcePreview.Row> rows = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            Object record = records.get(i);
            var check = schema.check(record, config.timeZone());
            String reason = check instanceof RecordCheck.Rejected r ? r.reason() : null;
            @SuppressWarnings("unchecked")
            Map<String, Object> fields = record instanceof Map<?, ?> m ? (Map<String, Object>) m
                    : Map.of("value", String.valueOf(record));
            rows.add(new SourcePreview.Row(i, check.primaryKey(), reason == null, fields, reason));
        }
        return new SourcePreview(true, null, columns, rows);
    }

    /** 409 for a source that receives its records (a WEBHOOK) rather than pulling them. */
    private static void requirePull(SourceEntity s) {
        if (SourceService.isWebhook(s)) {
            throw ProblemException.conflict("Source " + s.id + " is a WEBHOOK source: it receives deliveries at "
                    + "/webhooks/" + s.id + " and has no runs or connection to test");
        }
    }

    @Transactional
    public Page<SourceRun> list(UUID sourceId, int limit, String cursor) {
        sources.visible(sourceId, false);
        String after = Cursors.decode(cursor);
        long before;
        try {
            before = after == null ? Long.MAX_VALUE : Long.parseLong(after);
        } catch (NumberFormatException e) {
            throw ProblemException.invalid("cursor", "is not a cursor returned by this list");
        }
        List<SourceRunEntity> found = SourceRunEntity.<SourceRunEntity>find("sourceId = ?1 and id < ?2",
                Sort.descending("id"), sourceId, before).page(0, limit + 1).list();
        return Page.of(found.stream().map(this::view).toList(), limit, r -> Long.toString(r.id()));
    }

    @Transactional
    public SourceRun get(UUID sourceId, long runId) {
        sources.visible(sourceId, false);
        SourceRunEntity run = SourceRunEntity.findById(runId);
        if (run == null || !run.sourceId.equals(sourceId)) {
            throw ProblemException.notFound("Run", Long.toString(runId));
        }
        return view(run);
    }

    /**
     * Claims a new run of a locked source, in the caller's transaction; null when a run is in progress. A run older
     * than the lease is taken for crashed and marked failed first.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    SourceRunEntity claim(SourceEntity s, RunTrigger trigger) {
        OffsetDateTime now = now();
        SourceRunEntity running = SourceRunEntity.running(s.id);
        if (running != null) {
            if (running.startedAt.plus(config.sources().runLease()).isAfter(now)) {
                return null;
            }
            running.status = RunStatus.FAILED;
            running.finishedAt = now;
            running.message = "Abandoned: still running after " + config.sources().runLease()
                    + " (the service probably stopped during the run)";
            running.flush();
        }
        SourceRunEntity run = new SourceRunEntity();
        run.sourceId = s.id;
        run.trigger = trigger;
        run.status = RunStatus.RUNNING;
        run.startedAt = now;
        run.cursorBefore = s.cursor;
        run.persist();
        return run;
    }

    /** Executes a claimed run in the background. */
    void submit(long runId) {
        executor.execute(() -> execute(runId));
    }

    /** What a run needs from its source, read once at its start. */
    private record RunContext(UUID sourceId, String dataset, String sourceSystem, JdbcSettings settings,
            HttpSettings http, String password, Map<String, String> mapping, CursorPosition cursor) {
    }

    /** Counts of a run so far. */
    private static final class Tally {
        long read;
        long published;
        long deleted;
        long rejected;
    }

    void execute(long runId) {
        try {
            RunContext ctx = QuarkusTransaction.requiringNew().call(() -> {
                SourceRunEntity run = SourceRunEntity.findById(runId);
                SourceEntity s = SourceEntity.findById(run.sourceId);
                boolean http = SourceService.isHttp(s);
                String what = http ? "auth value" : "password";
                String password;
                try {
                    password = sources.password(s);
                } catch (IllegalStateException e) {
                    throw new SourceFailure("The stored " + what + " cannot be decrypted (was "
                            + SecretCipherProducer.ENV_KEY + " changed?); set the " + what + " again");
                }
                return new RunContext(s.id, s.dataset, s.sourceSystem, http ? null : sources.settings(s),
                        http ? sources.httpSettings(s) : null, password, sources.mapping(s), sources.cursor(s.cursor));
            });
            pull(runId, ctx);
            finish(runId, RunStatus.SUCCEEDED, null);
        } catch (SourceFailure e) {
            LOG.infof("Run %d failed: %s", runId, e.getMessage());
            finish(runId, RunStatus.FAILED, e.getMessage());
        } catch (ProblemException e) {
            LOG.warnf("Run %d failed: %s", runId, e.problem().detail());
            finish(runId, RunStatus.FAILED, "Kafka did not acknowledge the records, so the cursor stays where the "
                    + "last acknowledged chunk left it; the next run continues from there");
        } catch (RuntimeException e) {
            LOG.errorf(e, "Run %d failed unexpectedly", runId);
            finish(runId, RunStatus.FAILED, "Unexpected error: " + e);
        }
    }

    private void pull(long runId, RunContext ctx) {
        boolean http = ctx.http() != null;
        LOG.infof("Run %d of source %s started (%s)", runId, ctx.sourceId(),
                http ? "HTTP" + (ctx.http().incremental() != null ? ", incremental" : "") : ctx.settings().mode());
        DatasetSchema schema = schemas.find(ctx.dataset()).orElseThrow(() -> new SourceFailure(
                "Dataset '" + ctx.dataset() + "' is not in the catalog (deleted?)"));
        String system = ctx.sourceSystem() != null ? ctx.sourceSystem()
                : schema.sourceSystem() != null ? schema.sourceSystem()
                : http ? DEFAULT_HTTP_SOURCE_SYSTEM : DEFAULT_SOURCE_SYSTEM;
        long version = versions.next();
        OffsetDateTime ingestedAt = now();
        boolean fullRefresh = !http && ctx.settings().mode() == SyncMode.FULL_REFRESH;
        RefreshDiff diff = fullRefresh ? new RefreshDiff(keys.load(ctx.sourceId())) : null;
        Tally tally = new Tally();
        Publication out = new Publication(runId, ctx.sourceId(), schema, system, version, ingestedAt, diff, tally);
        if (http) {
            httpPuller.pull(ctx.http(), ctx.password(), schema, ctx.mapping(), ctx.cursor(),
                    config.sources().chunkSize(), chunk -> publish(out, chunk.records(), chunk.firstIndex(),
                            chunk.cursor()));
        } else {
            puller.pull(ctx.settings(), ctx.password(), schema, ctx.mapping(), ctx.cursor(), clock.instant(),
                    config.timeZone(), config.sources().chunkSize(), chunk -> publish(out, chunk.records(),
                            chunk.firstIndex(), chunk.cursor()));
        }
        if (diff != null) {
            List<RecordChanged> tombstones = diff.vanished().stream().sorted()
                    .map(key -> new RecordChanged(schema.key(), key, RecordOperation.DELETE, system, version, null, null,
                            ingestedAt))
                    .toList();
            publisher.publish(tombstones);
            QuarkusTransaction.requiringNew().run(() -> {
                keys.replace(ctx.sourceId(), diff.ledger());
                SourceRunEntity run = SourceRunEntity.findById(runId);
                run.deleted += tombstones.size();
            });
        }
        LOG.infof("Run %d of source %s: %d rows read, %d published, %d deleted, %d rejected", runId, ctx.sourceId(),
                tally.read, tally.published, diff == null ? 0 : diff.vanished().size(), tally.rejected);
    }

    /** What every chunk of a run is published with. */
    private record Publication(long runId, UUID sourceId, DatasetSchema schema, String system, long version,
            OffsetDateTime ingestedAt, RefreshDiff diff, Tally tally) {
    }

    /**
     * Validates a chunk, publishes its valid records (acks=all) and only then stores its rejections, counters and the
     * cursor (when the chunk has one) in one transaction.
     */
    private void publish(Publication out, List<?> records, long firstIndex, CursorPosition cursor) {
        DatasetSchema schema = out.schema();
        RefreshDiff diff = out.diff();
        BatchValidator.Outcome outcome = BatchValidator.validate(schema, records, out.system(), out.version(),
                out.ingestedAt(), config.timeZone());
        List<RecordChanged> toPublish = outcome.accepted();
        if (diff != null) {
            toPublish = new ArrayList<>();
            for (RecordChanged r : outcome.accepted()) {
                if (diff.seen(r.primaryKey(), hash(r.fields()))) {
                    toPublish.add(r);
                }
            }
            outcome.rejected().stream().filter(r -> r.primaryKey() != null)
                    .forEach(r -> diff.seenRefused(r.primaryKey()));
        }
        publisher.publish(toPublish);
        List<BatchValidator.Rejected> refused = outcome.rejected().stream()
                .map(r -> new BatchValidator.Rejected((int) (firstIndex + r.index()), r.primaryKey(), r.reason(),
                        r.payload()))
                .toList();
        Tally tally = out.tally();
        tally.read += records.size();
        tally.published += toPublish.size();
        tally.rejected += refused.size();
        int published = toPublish.size();
        String rejectionSource = REJECTION_SOURCE_PREFIX + out.sourceId();
        QuarkusTransaction.requiringNew().run(() -> {
            rejections.store(schema.key(), rejectionSource, refused, out.ingestedAt(), payloads);
            SourceRunEntity run = SourceRunEntity.findById(out.runId());
            run.rowsRead += records.size();
            run.published += published;
            run.rejected += refused.size();
            if (cursor != null) {
                String saved = sources.write(cursor);
                run.cursorAfter = saved;
                SourceEntity s = SourceEntity.findById(out.sourceId());
                if (s != null) {
                    s.cursor = saved;
                }
            }
        });
    }

    private void finish(long runId, RunStatus status, String message) {
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                SourceRunEntity run = SourceRunEntity.findById(runId);
                if (run != null) {
                    run.status = status;
                    run.finishedAt = now();
                    run.message = message;
                }
            });
        } catch (RuntimeException e) {
            LOG.errorf(e, "Could not record the end of run %d (%s); it is released when its lease expires", runId,
                    status);
        }
    }

    private String hash(Map<String, Object> fields) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(canonical.writeValueAsString(fields)
                    .getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A record cannot be written as JSON", e);
        }
    }

    SourceRun view(SourceRunEntity r) {
        return new SourceRun(r.id, r.sourceId, r.trigger, r.status, r.startedAt, r.finishedAt, r.rowsRead, r.published,
                r.deleted, r.rejected, sources.cursor(r.cursorBefore), sources.cursor(r.cursorAfter), r.message);
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }
}
