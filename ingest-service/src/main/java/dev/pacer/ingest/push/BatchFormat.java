package dev.pacer.ingest.push;

import jakarta.ws.rs.core.MediaType;

/** How a pushed batch is written. */
public enum BatchFormat {
    /** {@code application/json}: one JSON array of records. */
    JSON_ARRAY,
    /** {@code application/x-ndjson}: one JSON record per line. */
    NDJSON;

    public static final String NDJSON_TYPE = "application/x-ndjson";

    /** The format of a request's Content-Type (anything but NDJSON is a JSON array; the resource admits only these). */
    public static BatchFormat of(MediaType contentType) {
        return contentType != null && contentType.isCompatible(MediaType.valueOf(NDJSON_TYPE)) ? NDJSON : JSON_ARRAY;
    }
}
