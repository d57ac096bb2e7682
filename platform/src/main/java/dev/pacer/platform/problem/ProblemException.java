package dev.pacer.platform.problem;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A domain failure that maps to a problem response. Services throw it (or a subclass) from their logic;
 * the one mapper in {@link ProblemMappers} turns it into {@code application/problem+json}, with the response headers
 * it carries ({@link #withHeader}: {@code Retry-After} on a 503, for example).
 */
public class ProblemException extends RuntimeException {
    private final transient Problem problem;
    private final transient Map<String, String> headers;

    public ProblemException(int status, String slug, String title, String detail) {
        this(Problem.of(status, slug, title, detail));
    }

    public ProblemException(Problem problem) {
        this(problem, Map.of());
    }

    private ProblemException(Problem problem, Map<String, String> headers) {
        super(problem.detail());
        this.problem = problem;
        this.headers = headers;
    }

    public Problem problem() {
        return problem;
    }

    /** The response headers to send with the problem, in the order they were added. */
    public Map<String, String> headers() {
        return headers;
    }

    /**
     * The same problem, answered with one more response header (a header of the same name is replaced). The copy is a
     * plain {@code ProblemException}: what the mapper answers is its problem and headers, not its class.
     */
    public ProblemException withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        ProblemException e = new ProblemException(problem, Collections.unmodifiableMap(more));
        e.setStackTrace(getStackTrace());
        return e;
    }

    public static ProblemException notFound(String what, String id) {
        return new ProblemException(404, "not-found", "Not found", what + " '" + id + "' does not exist");
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(409, "conflict", "Conflict", detail);
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(403, "forbidden", "Forbidden", detail);
    }

    public static ProblemException preconditionFailed(String detail) {
        return new ProblemException(412, "precondition-failed", "Precondition failed", detail);
    }

    /** A validation problem naming each invalid field. */
    public static ProblemException invalid(List<Problem.FieldError> errors) {
        String detail = errors.size() == 1 ? errors.get(0).field() + ": " + errors.get(0).message()
                : errors.size() + " fields are invalid";
        return new ProblemException(Problem.of(400, "validation", "Invalid request", detail).withErrors(errors));
    }

    public static ProblemException invalid(String field, String message) {
        return invalid(List.of(new Problem.FieldError(field, message)));
    }
}
