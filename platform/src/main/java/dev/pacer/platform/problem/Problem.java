package dev.pacer.platform.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An RFC 9457 problem detail, the body of every error response of every Pacer service. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@Schema(name = "Problem", description = "RFC 9457 problem details. `type` is stable and can be switched on; "
        + "`errors` lists each invalid field for validation problems.")
public record Problem(
        @Schema(description = "Stable identifier of the kind of problem", example = "https://pacer.dev/problems/validation")
        URI type,
        @Schema(description = "Short summary of the kind of problem", example = "Invalid request")
        String title,
        @Schema(description = "HTTP status", example = "400")
        int status,
        @Schema(description = "What went wrong in this occurrence", example = "2 fields are invalid")
        String detail,
        @Schema(description = "The request path", example = "/datasets")
        String instance,
        @Schema(description = "One entry per invalid field (validation problems only)")
        List<FieldError> errors) {

    /** Media type of every problem response. */
    public static final String MEDIA_TYPE = "application/problem+json";
    /** Base URI of Pacer's problem types; the part after it is the problem's slug. */
    public static final String TYPE_BASE = "https://pacer.dev/problems/";

    public static Problem of(int status, String slug, String title, String detail) {
        return new Problem(URI.create(TYPE_BASE + slug), title, status, detail, null, List.of());
    }

    public Problem withInstance(String path) {
        return new Problem(type, title, status, detail, path, errors);
    }

    public Problem withErrors(List<FieldError> fieldErrors) {
        return new Problem(type, title, status, detail, instance, List.copyOf(fieldErrors));
    }

    /** One invalid field: its JSON path in the request and what is wrong with it. */
    @Schema(name = "FieldError")
    public record FieldError(
            @Schema(description = "Path of the field in the request (body, query or path parameter)", example = "key")
            String field,
            @Schema(description = "What is wrong with it", example = "must not be blank")
            String message) {
    }
}
