package dev.pacer.ingest.http;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The pages of one run of an HTTP source: the URI of the first request, and after each response the URI of the next
 * one, or null when the run has read everything. Every style stops at a page without records; CURSOR stops when the
 * response names no (or an empty) cursor, LINK when there is no {@code rel="next"} link. The static query parameters
 * and the incremental cursor go with every request the pager builds (a LINK target is followed as given: the API
 * carries its parameters over).
 */
public final class Pager {
    private final HttpSettings settings;
    private final HttpPagination pagination;
    private final String since;
    private int page;
    private long offset;

    /**
     * @param since the saved incremental cursor to send (null: none)
     */
    public Pager(HttpSettings settings, String since) {
        this.settings = settings;
        this.pagination = settings.paginationOrDefault();
        this.since = since;
        this.page = pagination.startPageOrDefault();
    }

    /** The first request's URI. */
    public URI first() {
        Map<String, String> params = base();
        switch (pagination.styleOrDefault()) {
            case PAGE -> {
                params.put(pagination.pageParamOrDefault(), Integer.toString(page));
                size(params);
            }
            case OFFSET -> {
                params.put(pagination.offsetParamOrDefault(), Long.toString(offset));
                params.put(pagination.limitParamOrDefault(), Integer.toString(pagination.limitOrDefault()));
            }
            case CURSOR, LINK -> size(params);
            case NONE -> {
            }
        }
        return withParams(settings.url(), params);
    }

    /**
     * The next request's URI after a response.
     *
     * @param requested the URI that was requested
     * @param records   the records the response held
     * @param body      the parsed response (for CURSOR)
     * @param links     the values of the response's Link headers (for LINK)
     * @return the next URI, or null when the run has read everything
     */
    public URI next(URI requested, int records, Object body, List<String> links) {
        if (records == 0) {
            return null;
        }
        return switch (pagination.styleOrDefault()) {
            case NONE -> null;
            case PAGE -> {
                page++;
                Map<String, String> params = base();
                params.put(pagination.pageParamOrDefault(), Integer.toString(page));
                size(params);
                yield withParams(settings.url(), params);
            }
            case OFFSET -> {
                offset += records;
                Map<String, String> params = base();
                params.put(pagination.offsetParamOrDefault(), Long.toString(offset));
                params.put(pagination.limitParamOrDefault(), Integer.toString(pagination.limitOrDefault()));
                yield withParams(settings.url(), params);
            }
            case CURSOR -> {
                String cursor = text(pagination.cursorFieldPath().get(body));
                if (cursor == null || cursor.isEmpty()) {
                    yield null;
                }
                Map<String, String> params = base();
                size(params);
                params.put(pagination.cursorParam(), cursor);
                yield withParams(settings.url(), params);
            }
            case LINK -> LinkHeader.next(links, requested);
        };
    }

    private Map<String, String> base() {
        Map<String, String> params = new LinkedHashMap<>(settings.queryOrEmpty());
        if (since != null && settings.incremental() != null) {
            params.put(settings.incremental().param(), since);
        }
        return params;
    }

    private void size(Map<String, String> params) {
        if (pagination.size() != null) {
            params.put(pagination.sizeParamOrDefault(), Integer.toString(pagination.size()));
        }
    }

    /** A cursor value as text: strings as they are, numbers in plain notation; other JSON values are no cursor. */
    private static String text(Object value) {
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (value instanceof Number n) {
            return n.toString();
        }
        return null;
    }

    /** The URL with the parameters appended to its query (form-encoded). */
    static URI withParams(String url, Map<String, String> params) {
        if (params.isEmpty()) {
            return URI.create(url);
        }
        StringBuilder sb = new StringBuilder(url);
        boolean hasQuery = url.indexOf('?') >= 0;
        for (Map.Entry<String, String> p : params.entrySet()) {
            if (!hasQuery) {
                sb.append('?');
                hasQuery = true;
            } else if (sb.charAt(sb.length() - 1) != '?' && sb.charAt(sb.length() - 1) != '&') {
                sb.append('&');
            }
            sb.append(URLEncoder.encode(p.getKey(), StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(p.getValue() == null ? "" : p.getValue(), StandardCharsets.UTF_8));
        }
        return URI.create(sb.toString());
    }
}
