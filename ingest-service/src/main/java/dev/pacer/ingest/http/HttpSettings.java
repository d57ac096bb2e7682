package dev.pacer.ingest.http;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.pacer.ingest.mapping.FieldPath;
import dev.pacer.platform.problem.Problem;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * How an HTTP source calls a JSON API and where the records are in its answers. The auth value is write-only: it is
 * stored encrypted, never returned, never logged.
 */
@Schema(name = "HttpSettings", description = "An HTTP source: a paginated JSON API, its records and how to page")
public record HttpSettings(
        @NotBlank @Size(max = HttpSettings.MAX_URL_LENGTH)
        @Schema(description = "The API's URL (http or https); static query parameters may be in it or in query. Its "
                + "host (and that of every next page) must be among those PACER_INGEST_SOURCE_HOSTS allows, when set",
                example = "https://crm.example.com/api/v2/orders")
        String url,
        @Schema(description = "GET (default), or POST with body", enumeration = {"GET", "POST"}, example = "GET",
                nullable = true)
        String method,
        @Size(max = 10_000) @Schema(description = "POST: the JSON request body sent with every page's request",
                example = "{\"status\": \"closed\"}", nullable = true)
        String body,
        @Size(max = 50) @Schema(description = "Static query parameters sent with every request",
                example = "{\"status\": \"closed\"}", nullable = true)
        Map<@NotBlank String, String> query,
        @Size(max = 50) @Schema(description = "Request headers that are not secret (secrets go in authValue)",
                example = "{\"Accept-Language\": \"en\"}", nullable = true)
        Map<@NotBlank String, String> headers,
        @Size(max = 100) @Schema(description = "Name of the header that carries the credential (default "
                + "Authorization)", example = "Authorization", nullable = true)
        String authHeader,
        @Size(max = 4000)
        @JsonProperty(access = JsonProperty.Access.WRITE_ONLY)
        @Schema(description = "The credential sent in authHeader, e.g. \"Bearer <token>\"; write-only (stored "
                + "encrypted, never returned or logged). On update, leave it out to keep the stored one, send \"\" "
                + "to remove it", writeOnly = true, example = "Bearer 4f9c2d7e1a", nullable = true)
        String authValue,
        @Size(max = FieldPath.MAX_LENGTH)
        @Schema(description = "Path of the array of records in a response, e.g. data.items; empty: the response is "
                + "the array", example = "data", nullable = true)
        String recordsPath,
        @Valid @Schema(description = "How the API is paged through (default: no pagination)", nullable = true)
        HttpPagination pagination,
        @Min(1) @Max(1_000_000)
        @Schema(description = "Most pages a run reads (default " + HttpSettings.DEFAULT_MAX_PAGES + "); a run that "
                + "would read more fails, so an API that always names a next page cannot loop forever",
                example = "10000", nullable = true)
        Integer maxPages,
        @Valid @Schema(description = "Incremental reading; none: every run reads everything (records are upserts by "
                + "primary key, so nothing is counted twice)", nullable = true)
        HttpIncremental incremental) {

    static final int MAX_URL_LENGTH = 2000;
    static final int DEFAULT_MAX_PAGES = 10_000;
    static final String DEFAULT_AUTH_HEADER = "Authorization";
    static final String PARAMETER_NAME_RULE = "must be a parameter name: 1–100 characters without control characters";
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}");
    /** Headers the HTTP client sets itself. */
    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade",
            "transfer-encoding", "te", "trailer", "keep-alive");
    /** Headers that carry credentials, which belong in authHeader/authValue (write-only, encrypted). */
    private static final Set<String> SECRET = Set.of("authorization", "proxy-authorization", "cookie");

    /** Everything wrong with the settings beyond Bean Validation, each naming its field under {@code prefix}. */
    public List<Problem.FieldError> problems(String prefix) {
        List<Problem.FieldError> errors = new ArrayList<>();
        String urlProblem = urlProblem(url);
        if (urlProblem != null) {
            errors.add(new Problem.FieldError(prefix + "url", urlProblem));
        }
        if (method != null && !method.equals("GET") && !method.equals("POST")) {
            errors.add(new Problem.FieldError(prefix + "method", "must be GET or POST, not '" + method + "'"));
        }
        if (body != null && !"POST".equals(method)) {
            errors.add(new Problem.FieldError(prefix + "body", "is sent only with method POST"));
        }
        if (query != null) {
            query.forEach((name, value) -> {
                if (!isParameterName(name)) {
                    errors.add(new Problem.FieldError(prefix + "query." + name, PARAMETER_NAME_RULE));
                } else if (value == null || hasControl(value)) {
                    errors.add(new Problem.FieldError(prefix + "query." + name, "must be a value without control "
                            + "characters"));
                }
            });
        }
        String auth = authHeaderOrDefault();
        if (authHeader != null && !TOKEN.matcher(authHeader).matches()) {
            errors.add(new Problem.FieldError(prefix + "authHeader", "must be a header name, e.g. Authorization or "
                    + "X-Api-Key"));
        } else if (authHeader != null && RESTRICTED.contains(authHeader.toLowerCase(Locale.ROOT))) {
            errors.add(new Problem.FieldError(prefix + "authHeader", "'" + authHeader + "' is set by the client"));
        }
        if (authValue != null && hasControl(authValue)) {
            errors.add(new Problem.FieldError(prefix + "authValue", "must not contain control characters"));
        }
        if (headers != null) {
            headers.forEach((name, value) -> {
                String lower = name.toLowerCase(Locale.ROOT);
                if (!TOKEN.matcher(name).matches()) {
                    errors.add(new Problem.FieldError(prefix + "headers." + name, "must be a header name"));
                } else if (RESTRICTED.contains(lower)) {
                    errors.add(new Problem.FieldError(prefix + "headers." + name, "is set by the client"));
                } else if (SECRET.contains(lower) || lower.equals(auth.toLowerCase(Locale.ROOT))) {
                    errors.add(new Problem.FieldError(prefix + "headers." + name, "carries a credential: set it as "
                            + "authHeader and authValue, which are stored encrypted and never returned"));
                } else if (value == null || hasControl(value)) {
                    errors.add(new Problem.FieldError(prefix + "headers." + name, "must be a value without control "
                            + "characters"));
                }
            });
        }
        if (recordsPath != null && !recordsPath.isBlank()) {
            try {
                FieldPath.parse(recordsPath);
            } catch (IllegalArgumentException e) {
                errors.add(new Problem.FieldError(prefix + "recordsPath", "path " + e.getMessage()));
            }
        }
        if (pagination != null) {
            errors.addAll(pagination.problems(prefix + "pagination."));
        }
        if (incremental != null) {
            if (incremental.field() != null) {
                try {
                    FieldPath.parse(incremental.field());
                } catch (IllegalArgumentException e) {
                    errors.add(new Problem.FieldError(prefix + "incremental.field", "path " + e.getMessage()));
                }
            }
            if (incremental.param() != null && !isParameterName(incremental.param())) {
                errors.add(new Problem.FieldError(prefix + "incremental.param", PARAMETER_NAME_RULE));
            }
        }
        return errors;
    }

    /**
     * @return null when the URL can be called, otherwise why not (completing "url …")
     */
    static String urlProblem(String url) {
        if (url == null || url.isBlank()) {
            return "must be an http or https URL, e.g. https://crm.example.com/api/orders";
        }
        if (url.length() > MAX_URL_LENGTH) {
            return "must be at most " + MAX_URL_LENGTH + " characters";
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return "is not a valid URL: " + e.getReason();
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return "must be an http or https URL, e.g. https://crm.example.com/api/orders";
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            return "must name a host, e.g. https://crm.example.com/api/orders";
        }
        if (uri.getRawUserInfo() != null) {
            return "must not carry credentials; set them as authHeader and authValue, which are stored encrypted";
        }
        if (uri.getRawFragment() != null) {
            return "must not have a fragment (#...)";
        }
        return null;
    }

    static boolean isParameterName(String name) {
        return name != null && !name.isBlank() && name.length() <= 100 && !hasControl(name);
    }

    private static boolean hasControl(String s) {
        return s.chars().anyMatch(c -> c < 0x20 || c == 0x7f);
    }

    public String methodOrDefault() {
        return method == null ? "GET" : method;
    }

    public String authHeaderOrDefault() {
        return authHeader == null || authHeader.isBlank() ? DEFAULT_AUTH_HEADER : authHeader;
    }

    public HttpPagination paginationOrDefault() {
        return pagination == null ? HttpPagination.none() : pagination;
    }

    public int maxPagesOrDefault() {
        return maxPages == null ? DEFAULT_MAX_PAGES : maxPages;
    }

    public Map<String, String> queryOrEmpty() {
        return query == null ? Map.of() : query;
    }

    public Map<String, String> headersOrEmpty() {
        return headers == null ? Map.of() : headers;
    }

    /** The records path parsed; null when the response itself is the array. */
    FieldPath recordsFieldPath() {
        return recordsPath == null || recordsPath.isBlank() ? null : FieldPath.parse(recordsPath);
    }

    public HttpSettings withoutAuthValue() {
        return new HttpSettings(url, method, body, query, headers, authHeader, null, recordsPath, pagination, maxPages,
                incremental);
    }
}
