package dev.pacer.ingest.http;

import dev.pacer.ingest.mapping.FieldPath;
import dev.pacer.platform.problem.Problem;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * How an HTTP source pages through its API. Only the members of the chosen style are used; each has a default where
 * APIs agree on one. Every style also stops at a page without records.
 */
@Schema(name = "HttpPagination", description = "How the API is paged through")
public record HttpPagination(
        @Schema(description = "NONE: one request; PAGE: a page number; OFFSET: an offset advanced by the records "
                + "received; CURSOR: the next cursor from the response; LINK: the Link header's rel=\"next\" URL",
                example = "PAGE", nullable = true)
        PaginationStyle style,
        @Size(max = 100) @Schema(description = "PAGE: the page number parameter (default page)", example = "page",
                nullable = true)
        String pageParam,
        @Min(0) @Schema(description = "PAGE: the first page's number (default 1)", example = "1", nullable = true)
        Integer startPage,
        @Size(max = 100) @Schema(description = "PAGE, CURSOR, LINK: the page size parameter (default size); sent "
                + "only with a size", example = "per_page", nullable = true)
        String sizeParam,
        @Min(1) @Max(100_000) @Schema(description = "PAGE, CURSOR, LINK: the page size to ask for; none: the API's "
                + "default", example = "100", nullable = true)
        Integer size,
        @Size(max = 100) @Schema(description = "OFFSET: the offset parameter (default offset)", example = "offset",
                nullable = true)
        String offsetParam,
        @Size(max = 100) @Schema(description = "OFFSET: the limit parameter (default limit)", example = "limit",
                nullable = true)
        String limitParam,
        @Min(1) @Max(100_000) @Schema(description = "OFFSET: records to ask for per request (default 100)",
                example = "100", nullable = true)
        Integer limit,
        @Size(max = FieldPath.MAX_LENGTH)
        @Schema(description = "CURSOR: path of the next page's cursor in the response; the last page has none (or "
                + "an empty one)", example = "meta.next_cursor", nullable = true)
        String cursorPath,
        @Size(max = 100) @Schema(description = "CURSOR: the request parameter the cursor is sent in",
                example = "cursor", nullable = true)
        String cursorParam) {

    static final String DEFAULT_PAGE_PARAM = "page";
    static final String DEFAULT_SIZE_PARAM = "size";
    static final String DEFAULT_OFFSET_PARAM = "offset";
    static final String DEFAULT_LIMIT_PARAM = "limit";
    static final int DEFAULT_LIMIT = 100;

    /** No pagination: a single request. */
    public static HttpPagination none() {
        return new HttpPagination(PaginationStyle.NONE, null, null, null, null, null, null, null, null, null);
    }

    public PaginationStyle styleOrDefault() {
        return style == null ? PaginationStyle.NONE : style;
    }

    String pageParamOrDefault() {
        return orDefault(pageParam, DEFAULT_PAGE_PARAM);
    }

    int startPageOrDefault() {
        return startPage == null ? 1 : startPage;
    }

    String sizeParamOrDefault() {
        return orDefault(sizeParam, DEFAULT_SIZE_PARAM);
    }

    String offsetParamOrDefault() {
        return orDefault(offsetParam, DEFAULT_OFFSET_PARAM);
    }

    String limitParamOrDefault() {
        return orDefault(limitParam, DEFAULT_LIMIT_PARAM);
    }

    int limitOrDefault() {
        return limit == null ? DEFAULT_LIMIT : limit;
    }

    /** The cursor path parsed (CURSOR style). */
    FieldPath cursorFieldPath() {
        return FieldPath.parse(cursorPath);
    }

    /** Everything wrong beyond Bean Validation, each naming its field under {@code prefix}. */
    List<Problem.FieldError> problems(String prefix) {
        List<Problem.FieldError> errors = new ArrayList<>();
        for (String[] param : new String[][] {{"pageParam", pageParam}, {"sizeParam", sizeParam},
                {"offsetParam", offsetParam}, {"limitParam", limitParam}, {"cursorParam", cursorParam}}) {
            if (param[1] != null && !HttpSettings.isParameterName(param[1])) {
                errors.add(new Problem.FieldError(prefix + param[0], HttpSettings.PARAMETER_NAME_RULE));
            }
        }
        if (styleOrDefault() == PaginationStyle.CURSOR) {
            if (cursorPath == null || cursorPath.isBlank()) {
                errors.add(new Problem.FieldError(prefix + "cursorPath", "is required for CURSOR pagination: the path "
                        + "of the next cursor in the response, e.g. meta.next_cursor"));
            } else {
                try {
                    FieldPath.parse(cursorPath);
                } catch (IllegalArgumentException e) {
                    errors.add(new Problem.FieldError(prefix + "cursorPath", "path " + e.getMessage()));
                }
            }
            if (cursorParam == null || cursorParam.isBlank()) {
                errors.add(new Problem.FieldError(prefix + "cursorParam", "is required for CURSOR pagination: the "
                        + "request parameter the cursor is sent in, e.g. cursor"));
            }
        }
        return errors;
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
