package dev.pacer.ingest.http;

/** How an HTTP source's API hands out its records page by page. */
public enum PaginationStyle {
    /** One request returns every record. */
    NONE,
    /** A page number parameter, counting up from a start page. */
    PAGE,
    /** An offset parameter advanced by the records received, with a limit parameter. */
    OFFSET,
    /** The response carries the cursor of the next page, sent back in a parameter. */
    CURSOR,
    /** The response's {@code Link} header (RFC 8288) names the next page with {@code rel="next"}. */
    LINK
}
