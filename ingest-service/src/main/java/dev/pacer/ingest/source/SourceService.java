package dev.pacer.ingest.source;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pacer.ingest.IngestConfig;
import dev.pacer.ingest.catalog.DatasetSchema;
import dev.pacer.ingest.catalog.DatasetSchemas;
import dev.pacer.ingest.hosts.SourceHosts;
import dev.pacer.ingest.http.HttpSettings;
import dev.pacer.ingest.jdbc.CursorPosition;
import dev.pacer.ingest.jdbc.JdbcSettings;
import dev.pacer.ingest.mapping.ColumnMapping;
import dev.pacer.ingest.mapping.JsonRecordMapping;
import dev.pacer.ingest.mapping.MappingException;
import dev.pacer.ingest.mapping.MappingExpression;
import dev.pacer.platform.crypto.SecretCipher;
import dev.pacer.platform.paging.Cursors;
import dev.pacer.platform.paging.Page;
import dev.pacer.platform.problem.Problem;
import dev.pacer.platform.problem.ProblemException;
import dev.pacer.platform.security.Caller;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** Sources: their settings, credentials (encrypted), schedule and pause state, with object-level department checks. */
@ApplicationScoped
public class SourceService {
    static final String KIND_JDBC = "JDBC";
    static final String KIND_WEBHOOK = "WEBHOOK";
    static final String KIND_HTTP = "HTTP";

    /** What the webhook receiver needs of a WEBHOOK source; the signing secret decrypted (null when none). */
    public record WebhookTarget(UUID id, String dataset, String sourceSystem, boolean paused, String signingSecret,
            Map<String, String> mapping) {
    }
    private static final TypeReference<Map<String, String>> MAPPING = new TypeReference<>() { };

    private final DatasetSchemas schemas;
    private final SecretCipher cipher;
    private final Caller caller;
    private final ObjectMapper json;
    private final Clock clock;
    private final IngestConfig config;
    private final SourceKeys keys;
    private final SourceHosts hosts;

    public SourceService(DatasetSchemas schemas, SecretCipher cipher, Caller caller, ObjectMapper json, Clock clock,
            IngestConfig config, SourceKeys keys, SourceHosts hosts) {
        this.keys = keys;
        this.hosts = hosts;
        this.schemas = schemas;
        this.cipher = cipher;
        this.caller = caller;
        this.json = json;
        this.clock = clock;
        this.config = config;
    }

    @Transactional
    public Source create(SourceRequest request) {
        caller.requireAnyDepartment(List.of(request.department()));
        CronSchedule schedule = check(request);
        if (KIND_WEBHOOK.equals(request.kindOrDefault()) && request.webhook().signingSecret() == null) {
            throw ProblemException.invalid("webhook.signingSecret", "is required: the secret deliveries are signed "
                    + "with (at least " + WebhookSettings.MIN_SECRET_LENGTH + " characters)");
        }
        if (SourceEntity.count("name", request.name()) > 0) {
            throw ProblemException.conflict("A source named '" + request.name() + "' exists");
        }
        OffsetDateTime now = now();
        SourceEntity e = new SourceEntity();
        e.id = UUID.randomUUID();
        e.kind = request.kindOrDefault();
        e.createdBy = caller.subject();
        e.createdAt = now;
        e.version = 1;
        apply(e, request, schedule, now);
        setPassword(e, secret(request));
        e.persist();
        return view(e);
    }

    /** Checks settings that are not saved (yet): department, settings, schedule, dataset and mapping. */
    public void checkNew(SourceRequest request) {
        caller.requireAnyDepartment(List.of(request.department()));
        check(request);
    }

    @Transactional
    public Source get(UUID id) {
        return view(visible(id, false));
    }

    @Transactional
    public Page<Source> list(String dataset, int limit, String cursor) {
        String after = Cursors.decode(cursor);
        StringBuilder q = new StringBuilder("1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (dataset != null) {
            q.append(" and dataset = :dataset");
            params.put("dataset", dataset);
        }
        if (after != null) {
            q.append(" and name > :after");
            params.put("after", after);
        }
        if (!caller.isAdmin()) {
            q.append(" and department in :departments");
            params.put("departments", caller.departments().isEmpty() ? List.of("") : caller.departments());
        }
        List<SourceEntity> found = SourceEntity.<SourceEntity>find(q.toString(), Sort.by("name"), params)
                .page(0, limit + 1).list();
        return Page.of(found.stream().map(this::view).toList(), limit, Source::name);
    }

    /**
     * Replaces a source's settings. The password (HTTP: auth value) is kept when left out, removed when "". The cursor
     * is reset (the next run starts from the beginning) when what it points into changes: dataset, table or query,
     * mode or cursor columns (HTTP: url, query or incremental settings); that is refused while a run is in progress.
     */
    @Transactional
    public Source update(UUID id, int expectedVersion, SourceRequest request) {
        SourceEntity e = visible(id, true);
        requireVersion(e, expectedVersion);
        caller.requireAnyDepartment(List.of(request.department()));
        CronSchedule schedule = check(request);
        if (!e.name.equals(request.name()) && SourceEntity.count("name", request.name()) > 0) {
            throw ProblemException.conflict("A source named '" + request.name() + "' exists");
        }
        if (!e.kind.equals(request.kindOrDefault())) {
            throw ProblemException.invalid("kind", "is " + e.kind + " and cannot change; create a new source");
        }
        boolean resetCursor;
        if (isHttp(e)) {
            HttpSettings before = httpSettings(e);
            HttpSettings after = request.http();
            resetCursor = !e.dataset.equals(request.dataset()) || !Objects.equals(before.url(), after.url())
                    || !Objects.equals(before.queryOrEmpty(), after.queryOrEmpty())
                    || !Objects.equals(before.incremental(), after.incremental());
        } else if (isWebhook(e)) {
            resetCursor = false;
        } else {
            JdbcSettings before = settings(e);
            JdbcSettings after = request.jdbc();
            resetCursor = !e.dataset.equals(request.dataset()) || before.mode() != after.mode()
                    || !Objects.equals(before.baseSql(), after.baseSql())
                    || !Objects.equals(before.timestampColumn(), after.timestampColumn())
                    || !Objects.equals(before.idColumn(), after.idColumn());
        }
        if (resetCursor && SourceRunEntity.running(e.id) != null) {
            throw ProblemException.conflict("A run of this source is in progress; change what it reads once it "
                    + "finished");
        }
        apply(e, request, schedule, now());
        String secret = secret(request);
        if (secret != null) {
            setPassword(e, secret);
        }
        if (resetCursor) {
            e.cursor = null;
            keys.forget(e.id);
        }
        e.version++;
        return view(e);
    }

    @Transactional
    public void delete(UUID id, int expectedVersion) {
        SourceEntity e = visible(id, true);
        requireVersion(e, expectedVersion);
        SourceRunEntity running = SourceRunEntity.running(e.id);
        if (running != null) {
            throw ProblemException.conflict("Run " + running.id + " of this source is in progress; delete the source "
                    + "once it finished");
        }
        e.delete();
    }

    /**
     * Makes the next run read the source from its start: an incremental source forgets its cursor; a full refresh
     * forgets the rows it published last but not their keys, so its next run publishes every row again and still
     * deletes downstream the rows the source no longer has. Nothing is read now. Records published again are upserts
     * with a newer source version, so nothing is counted twice: values change only where the source's rows did. Refused
     * for a WEBHOOK source, which is sent its records, and while a run is in progress.
     */
    @Transactional
    public Source rewind(UUID id, int expectedVersion) {
        SourceEntity e = visible(id, true);
        if (isWebhook(e)) {
            throw ProblemException.conflict("A WEBHOOK source is sent its records; it has nothing to read again");
        }
        requireVersion(e, expectedVersion);
        SourceRunEntity running = SourceRunEntity.running(e.id);
        if (running != null) {
            throw ProblemException.conflict("Run " + running.id + " of this source is in progress; rewind the source "
                    + "once it finished");
        }
        e.cursor = null;
        keys.forgetRows(e.id);
        e.updatedAt = now();
        e.version++;
        return view(e);
    }

    /** Pauses or resumes the schedule; a paused source still runs when asked. */
    @Transactional
    public Source setPaused(UUID id, boolean paused) {
        SourceEntity e = visible(id, true);
        if (e.paused != paused) {
            e.paused = paused;
            e.nextRunAt = paused || e.schedule == null ? null : next(CronSchedule.parse(e.schedule), now());
            e.updatedAt = now();
            e.version++;
        }
        return view(e);
    }

    /** The entity, if the caller may see it (404 when absent, 403 when of another department). */
    SourceEntity visible(UUID id, boolean lock) {
        SourceEntity e = lock ? SourceEntity.findById(id, LockModeType.PESSIMISTIC_WRITE) : SourceEntity.findById(id);
        if (e == null) {
            throw ProblemException.notFound("Source", id.toString());
        }
        caller.requireAnyDepartment(List.of(e.department));
        return e;
    }

    private CronSchedule check(SourceRequest request) {
        List<Problem.FieldError> errors = new ArrayList<>();
        String kind = request.kindOrDefault();
        boolean webhook = KIND_WEBHOOK.equals(kind);
        boolean http = KIND_HTTP.equals(kind);
        if (!webhook && !http && !KIND_JDBC.equals(kind)) {
            errors.add(new Problem.FieldError("kind", "must be JDBC, HTTP or WEBHOOK, not '" + kind + "'"));
        } else if (http) {
            if (request.jdbc() != null) {
                errors.add(new Problem.FieldError("jdbc", "an HTTP source has no JDBC settings; leave them out"));
            }
            if (request.webhook() != null) {
                errors.add(new Problem.FieldError("webhook", "only a WEBHOOK source has webhook settings"));
            }
            if (request.http() == null) {
                errors.add(new Problem.FieldError("http", "is required for an HTTP source: at least its url"));
            } else {
                List<Problem.FieldError> problems = request.http().problems("http.");
                errors.addAll(problems);
                String hostProblem = problems.stream().anyMatch(f -> f.field().equals("http.url")) ? null
                        : hosts.httpUrlProblem(request.http().url());
                if (hostProblem != null) {
                    errors.add(new Problem.FieldError("http.url", hostProblem));
                }
            }
        } else if (webhook) {
            if (request.jdbc() != null) {
                errors.add(new Problem.FieldError("jdbc", "a WEBHOOK source has no JDBC settings; leave them out"));
            }
            if (request.webhook() == null) {
                errors.add(new Problem.FieldError("webhook", "is required for a WEBHOOK source: its signingSecret"));
            }
            if (request.http() != null) {
                errors.add(new Problem.FieldError("http", "only an HTTP source has HTTP settings"));
            }
            if (request.schedule() != null) {
                errors.add(new Problem.FieldError("schedule", "a WEBHOOK source receives deliveries; it does not run "
                        + "on a schedule"));
            }
        } else {
            if (request.jdbc() == null) {
                errors.add(new Problem.FieldError("jdbc", "is required for a JDBC source"));
            } else {
                List<Problem.FieldError> problems = request.jdbc().problems("jdbc.");
                errors.addAll(problems);
                String hostProblem = problems.stream().anyMatch(f -> f.field().equals("jdbc.url")) ? null
                        : hosts.jdbcUrlProblem(request.jdbc().url());
                if (hostProblem != null) {
                    errors.add(new Problem.FieldError("jdbc.url", hostProblem));
                }
            }
            if (request.webhook() != null) {
                errors.add(new Problem.FieldError("webhook", "only a WEBHOOK source has webhook settings"));
            }
            if (request.http() != null) {
                errors.add(new Problem.FieldError("http", "only an HTTP source has HTTP settings"));
            }
        }
        CronSchedule schedule = null;
        if (request.schedule() != null) {
            try {
                schedule = CronSchedule.parse(request.schedule());
            } catch (IllegalArgumentException ex) {
                errors.add(new Problem.FieldError("schedule", ex.getMessage()));
            }
        }
        Optional<DatasetSchema> schema = schemas.find(request.dataset());
        if (schema.isEmpty()) {
            errors.add(new Problem.FieldError("dataset", "'" + request.dataset() + "' is not in the catalog; define it "
                    + "in metric-service first"));
        } else {
            for (Map.Entry<String, String> m : request.mappingOrEmpty().entrySet()) {
                String field = m.getKey();
                if (!schema.get().fields().containsKey(field)) {
                    errors.add(new Problem.FieldError("mapping." + field, "is not a field of dataset '"
                            + request.dataset() + "'; its fields are " + schema.get().fields().keySet()));
                } else {
                    try {
                        if (webhook || http) {
                            JsonRecordMapping.of(schema.get(), Map.of(field, m.getValue()));
                        } else if (MappingExpression.isExpression(m.getValue())) {
                            ColumnMapping.compile(field, m.getValue()); // its columns are known when the source is read
                        }
                    } catch (MappingException ex) {
                        errors.add(new Problem.FieldError(ex.property(), ex.getMessage()));
                    }
                }
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return schedule;
    }

    private void apply(SourceEntity e, SourceRequest r, CronSchedule schedule, OffsetDateTime now) {
        String newSchedule = r.schedule() == null ? null : r.schedule().trim();
        boolean scheduleChanged = !Objects.equals(e.schedule, newSchedule);
        e.name = r.name();
        e.dataset = r.dataset();
        e.department = r.department();
        e.sourceSystem = r.sourceSystem();
        e.schedule = newSchedule;
        e.settings = switch (r.kindOrDefault()) {
            case KIND_WEBHOOK -> "{}";
            case KIND_HTTP -> write(r.http().withoutAuthValue());
            default -> write(r.jdbc().withoutPassword());
        };
        e.mapping = write(new LinkedHashMap<>(r.mappingOrEmpty()));
        if (scheduleChanged) {
            e.nextRunAt = e.paused ? null : next(schedule, now);
        }
        e.updatedAt = now;
    }

    private OffsetDateTime next(CronSchedule schedule, OffsetDateTime now) {
        if (schedule == null) {
            return null;
        }
        Instant next = schedule.nextAfter(now.toInstant(), config.timeZone());
        return next == null ? null : next.atOffset(ZoneOffset.UTC);
    }

    /** The credential of a request: the signing secret, the auth value or the password, by kind (null: none sent). */
    private static String secret(SourceRequest r) {
        return switch (r.kindOrDefault()) {
            case KIND_WEBHOOK -> r.webhook().signingSecret();
            case KIND_HTTP -> r.http().authValue();
            default -> r.jdbc().password();
        };
    }

    private void setPassword(SourceEntity e, String password) {
        e.secret = password == null || password.isEmpty() ? null : cipher.encrypt(password, e.id.toString());
    }

    private static void requireVersion(SourceEntity e, int expected) {
        if (e.version != expected) {
            throw ProblemException.preconditionFailed("The source is at version " + e.version + ", not " + expected
                    + "; read it again and reapply your change");
        }
    }

    /** The decrypted password of a source; null when none is stored. */
    String password(SourceEntity e) {
        return e.secret == null ? null : cipher.decrypt(e.secret, e.id.toString());
    }

    JdbcSettings settings(SourceEntity e) {
        return read(e.settings, JdbcSettings.class);
    }

    HttpSettings httpSettings(SourceEntity e) {
        return read(e.settings, HttpSettings.class);
    }

    Map<String, String> mapping(SourceEntity e) {
        try {
            return json.readValue(e.mapping, MAPPING);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("Stored mapping of source " + e.id + " is unreadable", ex);
        }
    }

    CursorPosition cursor(String stored) {
        return stored == null ? null : read(stored, CursorPosition.class);
    }

    String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("Cannot write " + value.getClass().getSimpleName() + " as JSON", ex);
        }
    }

    private <T> T read(String stored, Class<T> type) {
        try {
            return json.readValue(stored, type);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("Stored " + type.getSimpleName() + " is unreadable", ex);
        }
    }

    static boolean isWebhook(SourceEntity e) {
        return KIND_WEBHOOK.equals(e.kind);
    }

    static boolean isHttp(SourceEntity e) {
        return KIND_HTTP.equals(e.kind);
    }

    /** A WEBHOOK source for the receiver, which authenticates by signature rather than by caller; empty when none. */
    @Transactional
    public Optional<WebhookTarget> webhookTarget(UUID id) {
        SourceEntity e = SourceEntity.findById(id);
        if (e == null || !isWebhook(e)) {
            return Optional.empty();
        }
        return Optional.of(new WebhookTarget(e.id, e.dataset, e.sourceSystem, e.paused, password(e), mapping(e)));
    }

    Source view(SourceEntity e) {
        boolean webhook = isWebhook(e);
        boolean http = isHttp(e);
        return new Source(e.id, e.name, e.dataset, e.department, e.kind, e.sourceSystem,
                webhook || http ? null : settings(e), !webhook && e.secret != null,
                webhook ? new Source.Webhook("/webhooks/" + e.id, e.secret != null) : null,
                http ? httpSettings(e) : null, mapping(e), e.schedule,
                e.paused, e.nextRunAt, cursor(e.cursor), e.version, e.createdAt, e.updatedAt);
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }
}
