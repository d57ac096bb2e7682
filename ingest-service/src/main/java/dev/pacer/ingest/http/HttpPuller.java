package dev.pacer.ingest.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pacer.ingest.catalog.DatasetSchema;
import dev.pacer.ingest.jdbc.CursorPosition;
import dev.pacer.ingest.jdbc.SourceFailure;
import dev.pacer.ingest.mapping.FieldPath;
import dev.pacer.ingest.mapping.JsonRecordMapping;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Reads an HTTP source: requests its pages one after the other (see {@link Pager}), takes the array of records out of
 * each JSON response by the records path, maps every record by the source's mapping ({@link JsonRecordMapping}, as
 * WEBHOOK deliveries are) and hands them over in chunks. Rate limiting and server errors are retried by the
 * {@link RetryPolicy}; anything else that goes wrong fails the run with a {@link SourceFailure} saying what and
 * where. The auth value is sent in its header and appears in no message and no log.
 *
 * <p>Security: the URL is the steward's to choose; the host check given (PACER_INGEST_SOURCE_HOSTS, see
 * {@code SourceHosts}) vets the host of every request, including next pages a Link header names. Redirects are not
 * followed (the credential would travel with them); network policies of the deployment should still keep the service
 * away from internal endpoints it has no business with.
 */
public final class HttpPuller {
    private static final Logger LOG = Logger.getLogger(HttpPuller.class);
    private static final int EXCERPT = 200;

    /**
     * Records of one chunk (dataset field → value, or the JSON value itself when it is not an object, for the schema
     * to refuse), the 0-based index of the first one in the run, and the cursor to save once they are acknowledged
     * (only on the last chunk of an incremental run; else null).
     */
    public record Chunk(List<Object> records, long firstIndex, CursorPosition cursor, boolean last) {
    }

    /** Receives the chunks of a run in order. */
    @FunctionalInterface
    public interface ChunkHandler {
        void accept(Chunk chunk);
    }

    /** Waits between attempts (a test may wait less). */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    /** Checks, before every request, that its host may be called (now). */
    @FunctionalInterface
    public interface HostCheck {
        /**
         * @throws SourceFailure when it may not
         */
        void require(URI uri);
    }

    /** The outcome of a connection test: the members of the first record, or why the API cannot be read. */
    public record Check(boolean ok, String message, List<String> members) {
    }

    /** The first records of the first page, mapped, and the members of the first one. */
    public record Sample(List<String> members, List<Object> records) {
    }

    /** One response: its JSON and its Link headers. */
    private record Response(Object body, List<String> links) {
    }

    private final HttpClient client;
    private final Duration requestTimeout;
    private final RetryPolicy retries;
    private final long maxResponseBytes;
    private final ObjectMapper json;
    private final Clock clock;
    private final Sleeper sleeper;
    private final HostCheck hosts;

    /**
     * @param client           the client (with its connect timeout; redirects not followed)
     * @param requestTimeout   how long one request may take until its response starts
     * @param maxResponseBytes the largest response body read
     * @param json             the application's mapper; numbers with a fraction are read as exact decimals
     */
    public HttpPuller(HttpClient client, Duration requestTimeout, RetryPolicy retries, long maxResponseBytes,
            ObjectMapper json, Clock clock, Sleeper sleeper) {
        this(client, requestTimeout, retries, maxResponseBytes, json, clock, sleeper, uri -> { });
    }

    /**
     * @param hosts checks the host of every request before it is sent (the first page's and each next one's)
     */
    public HttpPuller(HttpClient client, Duration requestTimeout, RetryPolicy retries, long maxResponseBytes,
            ObjectMapper json, Clock clock, Sleeper sleeper, HostCheck hosts) {
        this.hosts = hosts;
        this.client = client;
        this.requestTimeout = requestTimeout;
        this.retries = retries;
        this.maxResponseBytes = maxResponseBytes;
        this.json = json.copy().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** A client as the puller expects it: the connect timeout, and redirects never followed. */
    public static HttpClient client(Duration connectTimeout) {
        return HttpClient.newBuilder().connectTimeout(connectTimeout).followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** Requests the first page and reports how many records it holds and the members of the first. */
    public Check test(HttpSettings settings, String authValue) {
        try {
            URI uri = new Pager(settings, null).first();
            List<?> items = records(settings, uri, fetch(settings, authValue, uri).body());
            List<String> members = members(items);
            return new Check(true, "Connected; the first page holds " + items.size() + " records", members);
        } catch (SourceFailure e) {
            return new Check(false, e.getMessage(), List.of());
        }
    }

    /**
     * The first {@code limit} records of the first page, mapped to dataset fields.
     *
     * @throws SourceFailure when the API cannot be read or its response holds no array of records where expected
     */
    public Sample sample(HttpSettings settings, String authValue, DatasetSchema schema, Map<String, String> mapping,
            int limit) {
        JsonRecordMapping fields = mapping(schema, mapping);
        URI uri = new Pager(settings, null).first();
        List<?> items = records(settings, uri, fetch(settings, authValue, uri).body());
        List<Object> records = new ArrayList<>();
        for (Object item : items.subList(0, Math.min(limit, items.size()))) {
            records.add(fields.record(item));
        }
        return new Sample(members(items), records);
    }

    /**
     * Reads every page of a run and hands the records to {@code handler} in chunks of {@code chunkSize}; the last
     * chunk (possibly empty) has {@code last} set and, for an incremental source, the cursor to save.
     *
     * @param from the saved cursor (incremental; null: from the beginning)
     * @return the number of records read
     * @throws SourceFailure when a page cannot be read, or the API names more pages than {@code maxPages}
     */
    public long pull(HttpSettings settings, String authValue, DatasetSchema schema, Map<String, String> mapping,
            CursorPosition from, int chunkSize, ChunkHandler handler) {
        JsonRecordMapping fields = mapping(schema, mapping);
        HttpIncremental incremental = settings.incremental();
        FieldPath changeField = incremental == null ? null : FieldPath.parse(incremental.field());
        HighWaterMark mark = incremental == null ? null : new HighWaterMark(from);
        Pager pager = new Pager(settings, incremental == null ? null : HighWaterMark.text(from));
        int maxPages = settings.maxPagesOrDefault();
        long read = 0;
        long first = 0;
        int pages = 0;
        List<Object> chunk = new ArrayList<>();
        URI uri = pager.first();
        while (uri != null) {
            Response response = fetch(settings, authValue, uri);
            pages++;
            List<?> items = records(settings, uri, response.body());
            for (Object item : items) {
                if (mark != null) {
                    mark.offer(changeField.get(item));
                }
                chunk.add(fields.record(item));
                read++;
                if (chunk.size() == chunkSize) {
                    handler.accept(new Chunk(chunk, first, null, false));
                    first = read;
                    chunk = new ArrayList<>();
                }
            }
            URI next = pager.next(uri, items.size(), response.body(), response.links());
            if (next != null && pages >= maxPages) {
                throw new SourceFailure("The API still names a next page after " + maxPages + " pages (maxPages); "
                        + "the run stops so that a broken API cannot keep it going for ever. The cursor is unchanged. "
                        + "Raise http.maxPages if the API really has more pages, else check the pagination settings");
            }
            uri = next;
        }
        handler.accept(new Chunk(chunk, first, mark == null ? null : mark.position(), true));
        return read;
    }

    private static JsonRecordMapping mapping(DatasetSchema schema, Map<String, String> mapping) {
        try {
            return JsonRecordMapping.of(schema, mapping);
        } catch (IllegalArgumentException e) {
            throw new SourceFailure("The source's mapping does not fit dataset '" + schema.key() + "': "
                    + e.getMessage());
        }
    }

    /** The top-level members of the first record, when it is an object. */
    private static List<String> members(List<?> items) {
        if (!items.isEmpty() && items.get(0) instanceof Map<?, ?> first) {
            return first.keySet().stream().map(String::valueOf).toList();
        }
        return List.of();
    }

    /** The array of records in a response, by the records path. */
    private static List<?> records(HttpSettings settings, URI uri, Object body) {
        FieldPath path = settings.recordsFieldPath();
        Object found = path == null ? body : path.get(body);
        if (found instanceof List<?> list) {
            return list;
        }
        String what = found == null ? "nothing" : found instanceof Map<?, ?> ? "an object"
                : "a " + (found instanceof String ? "string" : found instanceof Boolean ? "boolean" : "number");
        if (path == null) {
            throw new SourceFailure("The response of " + shown(uri) + " is " + what + ", not an array of records; "
                    + "set http.recordsPath to the path of the array in it (e.g. data)");
        }
        throw new SourceFailure("recordsPath '" + path + "' is " + what + " in the response of " + shown(uri)
                + ", not an array of records");
    }

    /** Requests one page, trying again as the retry policy says. */
    private Response fetch(HttpSettings settings, String authValue, URI uri) {
        hosts.require(uri);
        HttpRequest request = request(settings, authValue, uri);
        for (int attempt = 1; ; attempt++) {
            String problem;
            Optional<Duration> retryAfter = Optional.empty();
            try {
                HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
                int status = response.statusCode();
                try (InputStream in = response.body()) {
                    if (status >= 200 && status <= 299) {
                        return new Response(parse(uri, read(in, uri)), response.headers().allValues("Link"));
                    }
                    String excerpt = excerpt(in.readNBytes(EXCERPT * 4), authValue);
                    problem = "HTTP " + status + " from " + shown(uri) + (excerpt.isEmpty() ? "" : ": " + excerpt);
                    if (status >= 300 && status <= 399) {
                        throw new SourceFailure(problem + redirectHint(response));
                    }
                    if (!RetryPolicy.retryable(status)) {
                        throw new SourceFailure(problem + hint(status));
                    }
                    if (RetryPolicy.honoursRetryAfter(status)) {
                        retryAfter = RetryAfter.parse(response.headers().firstValue("Retry-After").orElse(null),
                                clock.instant());
                    }
                }
            } catch (IOException e) {
                problem = "Cannot read " + shown(uri) + ": " + redact(describe(e), authValue);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SourceFailure("Interrupted while reading " + shown(uri) + " (the service is stopping)");
            }
            if (!retries.canRetry(attempt)) {
                throw new SourceFailure(problem + (attempt > 1 ? " (gave up after " + attempt + " attempts)" : ""));
            }
            Duration wait = retries.waitAfter(attempt, retryAfter);
            LOG.infof("%s; trying again in %d ms (attempt %d of %d)", problem, wait.toMillis(), attempt + 1,
                    retries.maxAttempts());
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SourceFailure("Interrupted while waiting to retry " + shown(uri)
                        + " (the service is stopping)");
            }
        }
    }

    private HttpRequest request(HttpSettings settings, String authValue, URI uri) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(requestTimeout)
                .header("Accept", "application/json").header("User-Agent", "pacer-ingest");
        settings.headersOrEmpty().forEach(b::setHeader);
        if (authValue != null && !authValue.isEmpty()) {
            b.setHeader(settings.authHeaderOrDefault(), authValue);
        }
        if ("POST".equals(settings.methodOrDefault())) {
            b.setHeader("Content-Type", "application/json");
            b.POST(HttpRequest.BodyPublishers.ofString(settings.body() == null ? "" : settings.body(),
                    StandardCharsets.UTF_8));
        } else {
            b.GET();
        }
        return b.build();
    }

    private byte[] read(InputStream in, URI uri) throws IOException {
        byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxResponseBytes + 1));
        if (bytes.length > maxResponseBytes) {
            throw new SourceFailure("The response of " + shown(uri) + " is larger than " + maxResponseBytes
                    + " bytes (PACER_INGEST_HTTP_MAX_RESPONSE_BYTES); ask for smaller pages");
        }
        return bytes;
    }

    private Object parse(URI uri, byte[] body) {
        try {
            return json.readValue(body, Object.class);
        } catch (JsonProcessingException e) {
            throw new SourceFailure("The response of " + shown(uri) + " is not JSON (" + e.getOriginalMessage()
                    + "): " + excerpt(body, null));
        } catch (IOException e) {
            throw new SourceFailure("The response of " + shown(uri) + " cannot be read: " + e.getMessage());
        }
    }

    private static String hint(int status) {
        return switch (status) {
            case 401 -> " — the API refused the credential; check http.authHeader and http.authValue";
            case 403 -> " — the credential may not read this resource";
            case 404 -> " — check http.url";
            default -> "";
        };
    }

    private static String redirectHint(HttpResponse<?> response) {
        return response.headers().firstValue("Location")
                .map(l -> " — redirected to " + abbreviate(l, 300) + "; set http.url to the final address (redirects "
                        + "are not followed, so the credential never travels to another host)")
                .orElse(" — redirects are not followed");
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        String kind = e.getClass().getSimpleName();
        return message == null || message.isBlank() ? kind : kind + ": " + message;
    }

    /** The start of a body as one line of text, without the auth value. */
    private static String excerpt(byte[] body, String authValue) {
        String text = new String(body, 0, Math.min(body.length, EXCERPT * 4), StandardCharsets.UTF_8)
                .replaceAll("\\s+", " ").trim();
        return redact(abbreviate(text, EXCERPT), authValue);
    }

    private static String redact(String text, String authValue) {
        if (authValue == null || authValue.isEmpty()) {
            return text;
        }
        String redacted = text.replace(authValue, "***");
        int space = authValue.indexOf(' ');
        // "Bearer <token>": the token alone may be echoed too
        if (space > 0 && space < authValue.length() - 1) {
            redacted = redacted.replace(authValue.substring(space + 1), "***");
        }
        return redacted;
    }

    private static String shown(URI uri) {
        return abbreviate(uri.toString(), 300);
    }

    private static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "…";
    }
}
