package dev.pacer.ingest.upload;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pacer.ingest.IngestConfig;
import dev.pacer.ingest.catalog.DatasetSchema;
import dev.pacer.ingest.catalog.DatasetSchemas;
import dev.pacer.ingest.catalog.RecordCheck;
import dev.pacer.ingest.mapping.ColumnMapping;
import dev.pacer.ingest.mapping.MappingException;
import dev.pacer.ingest.mapping.TextConversions;
import dev.pacer.ingest.push.BatchValidator;
import dev.pacer.ingest.push.RecordPublisher;
import dev.pacer.ingest.push.RejectionStore;
import dev.pacer.ingest.push.SourceVersions;
import dev.pacer.platform.paging.Cursors;
import dev.pacer.platform.paging.Page;
import dev.pacer.platform.problem.ProblemException;
import dev.pacer.platform.security.Caller;
import dev.pacer.platform.security.Roles;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * File uploads: the file is decoded and parsed when it arrives (a file that cannot be read is a 400 at once), then a
 * background job checks each row against the dataset's schema, publishes the valid ones with the
 * {@link RecordPublisher} (acks=all) chunk by chunk and records every row's outcome; refused rows also go to the
 * quarantine. Records are keyed by dataset and primary key, so uploading a file again never double-counts.
 *
 * <p>Who may: a steward uploads into the datasets of their departments; an upload's status and rows are its
 * uploader's (while still in that department) and the admins'.
 */
@ApplicationScoped
public class UploadService {
    private static final Logger LOG = Logger.getLogger(UploadService.class);
    /** How an upload's rejections are labelled in the quarantine: {@code upload:<id>}. */
    public static final String REJECTION_SOURCE_PREFIX = "upload:";
    static final String DEFAULT_SOURCE_SYSTEM = "file-upload";

    /**
     * What to read and how.
     *
     * @param xlsx  the file is an Excel workbook (else CSV, read with {@code encoding} and {@code delimiter})
     * @param sheet the workbook's sheet to read; null: the first
     */
    public record Request(String dataset, String fileName, String encoding, char delimiter,
            Map<String, String> mapping, TextConversions conversions, boolean xlsx, String sheet) {
    }

    private final DatasetSchemas schemas;
    private final RecordPublisher publisher;
    private final RejectionStore rejections;
    private final UploadRows rows;
    private final Caller caller;
    private final IngestConfig config;
    private final Clock clock;
    private final ObjectMapper payloads;
    private final SourceVersions versions;
    private final ExecutorService executor;
    /** This instance, as the owner of the jobs it runs. */
    private final String instance = UUID.randomUUID().toString();

    public UploadService(DatasetSchemas schemas, RecordPublisher publisher, RejectionStore rejections, UploadRows rows,
            Caller caller, IngestConfig config, Clock clock, ObjectMapper json) {
        this.schemas = schemas;
        this.publisher = publisher;
        this.rejections = rejections;
        this.rows = rows;
        this.caller = caller;
        this.config = config;
        this.clock = clock;
        this.payloads = json.copy().enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
        this.versions = new SourceVersions(clock);
        XlsxFile.limitUnzippedSize(config.uploads().xlsxMaxUnzippedBytes());
        AtomicInteger n = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "upload-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }

    /** The file as read for a job or a preview: its dataset's schema, its table and its compiled mapping. */
    private record Read(DatasetSchema schema, UploadTable table, ColumnMapping mapping) {
    }

    /** Reads the file and queues its job; 413 over the size limit, 400 naming the field when it cannot be read. */
    public Upload accept(Request request, byte[] content) {
        Read read = read(request, content);
        DatasetSchema schema = read.schema();
        UploadTable table = read.table();
        ColumnMapping mapping = read.mapping();
        UploadEntity e = new UploadEntity();
        e.id = UUID.randomUUID();
        e.dataset = schema.key();
        e.fileName = request.fileName();
        e.format = table.format();
        e.encoding = table.encoding();
        e.sizeBytes = content.length;
        e.status = UploadStatus.QUEUED;
        e.rowsTotal = table.rows().size();
        e.createdBy = caller.subject();
        e.createdAt = now();
        e.owner = instance;
        e.heartbeatAt = e.createdAt;
        QuarkusTransaction.requiringNew().run(e::persist);
        executor.execute(() -> process(e.id, schema, table, mapping, request.conversions()));
        return view(e);
    }

    /**
     * The first rows of a file as an upload would map and check them, with each row's errors; nothing is stored or
     * published. Refused like an upload when the file or its mapping cannot be read.
     */
    public UploadPreview preview(Request request, byte[] content, int limit) {
        Read read = read(request, content);
        UploadTable table = read.table();
        int width = table.header().size();
        ZoneId zone = request.conversions().zone() != null ? request.conversions().zone() : config.timeZone();
        List<UploadPreview.Row> rows = new ArrayList<>();
        for (UploadTable.Row row : table.rows().subList(0, Math.min(limit, table.rows().size()))) {
            if (row.cells().length != width) {
                rows.add(new UploadPreview.Row(row.number(), row.line(), false, null, null, "the row has "
                        + row.cells().length + " cells, the header " + width));
                continue;
            }
            Map<String, Object> record = read.mapping().record(row.cells(), request.conversions());
            RecordCheck check = read.schema().check(record, zone);
            String reason = check instanceof RecordCheck.Rejected r ? r.reason() : null;
            rows.add(new UploadPreview.Row(row.number(), row.line(), reason == null, check.primaryKey(), record,
                    reason));
        }
        return new UploadPreview(read.schema().key(), table.format(), table.encoding(), table.header(),
                table.rows().size(), rows);
    }

    private Read read(Request request, byte[] content) {
        long max = config.uploads().maxBytes();
        if (content.length > max) {
            throw new ProblemException(413, "upload-too-large", "File too large", "The file has " + content.length
                    + " bytes; at most " + max + " are accepted. Split it, or send the rows through POST /ingest");
        }
        if (content.length == 0) {
            throw ProblemException.invalid("file", "the file is empty; it needs a header line and data rows");
        }
        DatasetSchema schema = schemas.require(request.dataset());
        requireDepartment(schema.key());
        UploadTable table;
        try {
            table = request.xlsx()
                    ? XlsxFile.read(content, request.fileName(), request.sheet(), config.uploads().xlsxMaxRows())
                    : CsvFile.read(content, request.encoding(), request.delimiter());
        } catch (MalformedUploadException e) {
            throw ProblemException.invalid(e.field(), e.getMessage());
        }
        try {
            return new Read(schema, table, ColumnMapping.resolve(schema, table.header(), request.mapping()));
        } catch (MappingException e) {
            throw ProblemException.invalid(e.property(), e.getMessage());
        }
    }

    /**
     * A steward uploads only into datasets their departments own (403 otherwise, as for sources of another
     * department); admins and the integration role, which pushes into any dataset, upload into any.
     */
    private void requireDepartment(String dataset) {
        if (caller.isAdmin() || caller.hasRole(Roles.INTEGRATION)) {
            return;
        }
        caller.requireAnyDepartment(schemas.ownerDepartment(dataset).map(List::of).orElse(List.of()));
    }

    @Transactional
    public Upload get(UUID id) {
        return view(visible(id));
    }

    /** The outcomes of an upload's rows, in row order; {@code succeeded} filters them. */
    @Transactional
    public Page<UploadRow> rows(UUID id, Boolean succeeded, int limit, String cursor) {
        visible(id);
        String after = Cursors.decode(cursor);
        int afterRow;
        try {
            afterRow = after == null ? 0 : Integer.parseInt(after);
        } catch (NumberFormatException ex) {
            throw ProblemException.invalid("cursor", "is not a cursor returned by this list");
        }
        return Page.of(rows.page(id, succeeded, afterRow, limit + 1), limit, r -> Integer.toString(r.row()));
    }

    /**
     * The upload, if the caller is an admin, or its uploader and (a steward) still in the department that owns its
     * dataset — the department check of its start, made again on every read as sources make theirs.
     */
    private UploadEntity visible(UUID id) {
        UploadEntity e = UploadEntity.findById(id);
        if (e == null) {
            throw ProblemException.notFound("Upload", id.toString());
        }
        if (caller.isAdmin()) {
            return e;
        }
        if (!caller.subject().equals(e.createdBy)) {
            throw ProblemException.forbidden("Only the uploader and admins see an upload");
        }
        requireDepartment(e.dataset);
        return e;
    }

    void process(UUID id, DatasetSchema schema, UploadTable table, ColumnMapping mapping,
            TextConversions conversions) {
        try {
            setStatus(id, UploadStatus.RUNNING, null);
            String system = schema.sourceSystem() != null ? schema.sourceSystem() : DEFAULT_SOURCE_SYSTEM;
            long version = versions.next();
            OffsetDateTime ingestedAt = now();
            int width = table.header().size();
            int chunkSize = config.uploads().chunkSize();
            List<UploadTable.Row> all = table.rows();
            for (int from = 0; from < all.size(); from += chunkSize) {
                List<UploadTable.Row> chunk = all.subList(from, Math.min(all.size(), from + chunkSize));
                processChunk(id, schema, chunk, width, mapping, conversions, system, version, ingestedAt);
            }
            setStatus(id, UploadStatus.SUCCEEDED, null);
        } catch (ProblemException e) {
            LOG.warnf("Upload %s stopped: %s", id, e.problem().detail());
            setStatus(id, UploadStatus.FAILED, "Kafka did not acknowledge the records; rows reported so far are "
                    + "processed. Upload the file again: records already published are not counted twice");
        } catch (RuntimeException e) {
            LOG.errorf(e, "Upload %s failed", id);
            setStatus(id, UploadStatus.FAILED, "Unexpected error: " + e);
        }
    }

    private void processChunk(UUID id, DatasetSchema schema, List<UploadTable.Row> chunk, int width, ColumnMapping mapping,
            TextConversions conversions, String system, long version, OffsetDateTime ingestedAt) {
        Map<Integer, String> shapeErrors = new HashMap<>();
        List<Object> records = new ArrayList<>(chunk.size());
        List<UploadTable.Row> validated = new ArrayList<>(chunk.size());
        for (UploadTable.Row row : chunk) {
            if (row.cells().length != width) {
                shapeErrors.put(row.number(), "the row has " + row.cells().length + " cells, the header "
                        + width);
            } else {
                records.add(mapping.record(row.cells(), conversions));
                validated.add(row);
            }
        }
        BatchValidator.Outcome outcome = BatchValidator.validate(schema, records, system, version, ingestedAt,
                conversions.zone() != null ? conversions.zone() : config.timeZone());
        publisher.publish(outcome.accepted());

        Map<Integer, BatchValidator.Rejected> refused = new HashMap<>();
        outcome.rejected().forEach(r -> refused.put(r.index(), r));
        List<UploadRow> results = new ArrayList<>(chunk.size());
        List<BatchValidator.Rejected> quarantine = new ArrayList<>();
        int accepted = 0;
        int v = 0;
        for (UploadTable.Row row : chunk) {
            String shape = shapeErrors.get(row.number());
            if (shape != null) {
                results.add(new UploadRow(row.number(), row.line(), "FAILED", null, shape));
                quarantine.add(new BatchValidator.Rejected(row.number(), null, shape, payload(row.cells())));
                continue;
            }
            BatchValidator.Rejected r = refused.get(v);
            if (r == null) {
                results.add(new UploadRow(row.number(), row.line(), "SUCCEEDED",
                        outcome.accepted().get(accepted++).primaryKey(), null));
            } else {
                results.add(new UploadRow(row.number(), row.line(), "FAILED", r.primaryKey(), r.reason()));
                quarantine.add(new BatchValidator.Rejected(row.number(), r.primaryKey(), r.reason(), r.payload()));
            }
            v++;
        }
        int succeeded = accepted;
        int failed = quarantine.size();
        QuarkusTransaction.requiringNew().run(() -> {
            rows.store(id, results);
            rejections.store(schema.key(), REJECTION_SOURCE_PREFIX + id, quarantine, ingestedAt, payloads);
            UploadEntity e = UploadEntity.findById(id);
            e.rowsSucceeded += succeeded;
            e.rowsFailed += failed;
            e.heartbeatAt = now();
        });
    }

    /** A row's cells as the quarantine keeps them: text and numbers as they are, dates as ISO text. */
    private static List<Object> payload(Object[] cells) {
        List<Object> payload = new ArrayList<>(cells.length);
        for (Object c : cells) {
            payload.add(c == null || c instanceof String || c instanceof Number || c instanceof Boolean ? c
                    : c.toString());
        }
        return payload;
    }

    /** This instance's id, the owner of the jobs it runs. */
    String instance() {
        return instance;
    }

    private void setStatus(UUID id, UploadStatus status, String message) {
        QuarkusTransaction.requiringNew().run(() -> {
            UploadEntity e = UploadEntity.findById(id);
            if (e.status == UploadStatus.SUCCEEDED || e.status == UploadStatus.FAILED) {
                return; // ended already: taken for interrupted by UploadRecovery while this instance was cut off
            }
            e.status = status;
            e.heartbeatAt = now();
            e.message = message;
            if (status == UploadStatus.SUCCEEDED || status == UploadStatus.FAILED) {
                e.finishedAt = now();
            }
        });
    }

    private Upload view(UploadEntity e) {
        return new Upload(e.id, e.dataset, e.fileName, e.format, e.encoding, e.sizeBytes, e.status, e.rowsTotal,
                e.rowsSucceeded, e.rowsFailed, e.message, e.createdAt, e.finishedAt);
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }
}
