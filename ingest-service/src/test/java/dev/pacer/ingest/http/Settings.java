package dev.pacer.ingest.http;

import java.util.LinkedHashMap;
import java.util.Map;

/** Builds {@link HttpSettings} for tests: the defaults of a plain GET, changed by what a test needs. */
final class Settings {
    String url = "https://crm.example.com/api/orders";
    String method;
    String body;
    Map<String, String> query;
    Map<String, String> headers;
    String authHeader;
    String authValue;
    String recordsPath;
    HttpPagination pagination;
    Integer maxPages;
    HttpIncremental incremental;

    static Settings get(String url) {
        Settings s = new Settings();
        s.url = url;
        return s;
    }

    Settings query(String name, String value) {
        if (query == null) {
            query = new LinkedHashMap<>();
        }
        query.put(name, value);
        return this;
    }

    Settings header(String name, String value) {
        if (headers == null) {
            headers = new LinkedHashMap<>();
        }
        headers.put(name, value);
        return this;
    }

    Settings auth(String header, String value) {
        authHeader = header;
        authValue = value;
        return this;
    }

    Settings records(String path) {
        recordsPath = path;
        return this;
    }

    Settings pages(HttpPagination p) {
        pagination = p;
        return this;
    }

    Settings maxPages(int n) {
        maxPages = n;
        return this;
    }

    Settings incremental(String field, String param) {
        incremental = new HttpIncremental(field, param);
        return this;
    }

    HttpSettings build() {
        return new HttpSettings(url, method, body, query, headers, authHeader, authValue, recordsPath, pagination,
                maxPages, incremental);
    }

    static HttpPagination page(String pageParam, Integer start, String sizeParam, Integer size) {
        return new HttpPagination(PaginationStyle.PAGE, pageParam, start, sizeParam, size, null, null, null, null,
                null);
    }

    static HttpPagination offset(String offsetParam, String limitParam, Integer limit) {
        return new HttpPagination(PaginationStyle.OFFSET, null, null, null, null, offsetParam, limitParam, limit, null,
                null);
    }

    static HttpPagination cursor(String cursorPath, String cursorParam) {
        return new HttpPagination(PaginationStyle.CURSOR, null, null, null, null, null, null, null, cursorPath,
                cursorParam);
    }

    static HttpPagination link() {
        return new HttpPagination(PaginationStyle.LINK, null, null, null, null, null, null, null, null, null);
    }
}
