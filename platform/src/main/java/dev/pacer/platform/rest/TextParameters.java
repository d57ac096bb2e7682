package dev.pacer.platform.rest;

import dev.pacer.platform.database.PostgresText;
import dev.pacer.platform.problem.Problem;
import dev.pacer.platform.problem.ProblemException;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses a request whose path or query parameters carry text PostgreSQL cannot store (see {@link StorableText}),
 * naming each such parameter, before any operation runs: {@code GET /metrics/%00} is a 400, not a failed query.
 */
public class TextParameters {
    @ServerRequestFilter
    public void refuseUnstorableText(UriInfo uri) {
        List<Problem.FieldError> errors = new ArrayList<>();
        check(uri.getPathParameters(), errors);
        check(uri.getQueryParameters(), errors);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
    }

    private static void check(MultivaluedMap<String, String> parameters, List<Problem.FieldError> errors) {
        for (Map.Entry<String, List<String>> p : parameters.entrySet()) {
            boolean bad = !PostgresText.canHold(p.getKey());
            for (String value : p.getValue()) {
                bad |= value != null && !PostgresText.canHold(value);
            }
            if (bad) {
                errors.add(new Problem.FieldError(PostgresText.canHold(p.getKey()) ? p.getKey() : "query",
                        StorableText.REFUSAL));
            }
        }
    }
}
