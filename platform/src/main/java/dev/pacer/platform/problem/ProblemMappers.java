package dev.pacer.platform.problem;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.pacer.platform.rest.StorableText;
import io.quarkus.hibernate.validator.runtime.jaxrs.ResteasyReactiveViolationException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one place that turns exceptions into RFC 9457 problem responses. Nothing else writes error bodies,
 * and no stack trace or exception class name ever leaves the service.
 */
public class ProblemMappers {
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        Response.ResponseBuilder b = builder(e.problem(), uri);
        e.headers().forEach(b::header);
        return b.build();
    }

    @ServerExceptionMapper
    public Response violations(ResteasyReactiveViolationException e, UriInfo uri) {
        return constraintViolations(e, uri);
    }

    @ServerExceptionMapper
    public Response constraintViolations(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<?> v : e.getConstraintViolations()) {
            errors.add(new Problem.FieldError(fieldName(v.getPropertyPath()), v.getMessage()));
        }
        errors.sort(Comparator.comparing(Problem.FieldError::field).thenComparing(Problem.FieldError::message));
        return respond(ProblemException.invalid(errors).problem(), uri);
    }

    @ServerExceptionMapper
    public Response unstorableText(StorableText.UnstorableTextException e, UriInfo uri) {
        return invalidJsonField(e, StorableText.REFUSAL, uri);
    }

    @ServerExceptionMapper
    public Response unrecognizedProperty(UnrecognizedPropertyException e, UriInfo uri) {
        return invalidJsonField(e, "is not a known field", uri);
    }

    @ServerExceptionMapper
    public Response invalidFormat(InvalidFormatException e, UriInfo uri) {
        String expected = e.getTargetType() == null ? "another type" : friendlyType(e.getTargetType());
        return invalidJsonField(e, "cannot be read as " + expected + ": '" + e.getValue() + "'", uri);
    }

    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e, UriInfo uri) {
        if (e.getPath() == null || e.getPath().isEmpty()) {
            return malformed(e, uri);
        }
        String expected = e.getTargetType() == null ? "another type" : friendlyType(e.getTargetType());
        return invalidJsonField(e, "has the wrong type (expected " + expected + ")", uri);
    }

    @ServerExceptionMapper
    public Response jsonMapping(JsonMappingException e, UriInfo uri) {
        if (e.getPath() == null || e.getPath().isEmpty()) {
            return malformed(e, uri);
        }
        return invalidJsonField(e, "is invalid", uri);
    }

    @ServerExceptionMapper
    public Response jsonParse(JsonParseException e, UriInfo uri) {
        return malformed(e, uri);
    }

    @ServerExceptionMapper
    public Response jsonProcessing(JsonProcessingException e, UriInfo uri) {
        return malformed(e, uri);
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, UriInfo uri) {
        return unauthenticated(uri);
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, UriInfo uri) {
        return unauthenticated(uri);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return respond(Problem.of(403, "forbidden", "Forbidden",
                "Your roles or departments do not allow this operation"), uri);
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        if (status == 400 && e.getCause() instanceof JsonProcessingException json) {
            return fromJson(json, uri);
        }
        if (status >= 500) {
            return internal(e, uri);
        }
        Problem p = StatusProblems.forStatus(status, e.getMessage());
        Response.ResponseBuilder b = builder(p, uri);
        if (status == 405 && e.getResponse().getHeaderString(HttpHeaders.ALLOW) != null) {
            b.header(HttpHeaders.ALLOW, e.getResponse().getHeaderString(HttpHeaders.ALLOW));
        }
        return b.build();
    }

    @ServerExceptionMapper
    public Response internal(Throwable e, UriInfo uri) {
        SQLException sql = sqlException(e);
        if (sql != null && CONCURRENT_CHANGE.contains(sql.getSQLState())) {
            // e.g. two requests creating the same key at once: both checked that it was free, one commit wins. Logged
            // with the database's words (the constraint), which the caller is not shown: a collision that no concurrent
            // request explains is a missing check, to be found here.
            LOG.warnf("A concurrent change refused %s, answered 409: %s", uri == null ? "?" : uri.getPath(),
                    sql.getMessage());
            return respond(ProblemException.conflict("Another request created or changed the same thing at the same "
                    + "moment; nothing was changed by this one: read it again before retrying").problem(), uri);
        }
        String incident = UUID.randomUUID().toString();
        LOG.errorf(e, "Unhandled error on %s (incident %s)", uri == null ? "?" : uri.getPath(), incident);
        return respond(Problem.of(500, "internal", "Internal error",
                "The service failed to handle this request; quote incident " + incident + " when reporting it"), uri);
    }

    /**
     * PostgreSQL's answers to a change that collided with a concurrent one: unique_violation (the same key created by
     * two transactions, each of which had found it free), serialization_failure and deadlock_detected. The transaction
     * was rolled back, so the request changed nothing.
     */
    private static final Set<String> CONCURRENT_CHANGE = Set.of("23505", "40001", "40P01");

    /** The first SQLException with a SQLState among the causes, if any. */
    static SQLException sqlException(Throwable e) {
        Throwable t = e;
        for (int depth = 0; t != null && depth < 32; depth++) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return sql;
            }
            t = t.getCause() == t ? null : t.getCause();
        }
        return null;
    }

    /** A body Jackson could not read, wrapped by the framework: answer as if it had reached us directly. */
    private Response fromJson(JsonProcessingException e, UriInfo uri) {
        if (e instanceof StorableText.UnstorableTextException u) {
            return unstorableText(u, uri);
        }
        if (e instanceof UnrecognizedPropertyException u) {
            return unrecognizedProperty(u, uri);
        }
        if (e instanceof InvalidFormatException f) {
            return invalidFormat(f, uri);
        }
        if (e instanceof MismatchedInputException m) {
            return mismatchedInput(m, uri);
        }
        if (e instanceof JsonMappingException m) {
            return jsonMapping(m, uri);
        }
        return malformed(e, uri);
    }

    private Response unauthenticated(UriInfo uri) {
        return builder(Problem.of(401, "unauthenticated", "Authentication required",
                "Send a valid bearer token in the Authorization header"), uri)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .build();
    }

    private Response malformed(JsonProcessingException e, UriInfo uri) {
        String where = e.getLocation() == null ? ""
                : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
        return respond(Problem.of(400, "malformed-json", "Malformed JSON",
                "The request body is not valid JSON" + where + ": " + e.getOriginalMessage()), uri);
    }

    private Response invalidJsonField(JsonMappingException e, String message, UriInfo uri) {
        return respond(ProblemException.invalid(jsonPath(e.getPath()), message).problem(), uri);
    }

    static String jsonPath(List<JsonMappingException.Reference> path) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : path) {
            if (ref.getFieldName() != null) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.length() == 0 ? "body" : sb.toString();
    }

    /** The user-facing name of a violated field: method and body-parameter names are dropped. */
    static String fieldName(Path path) {
        List<Path.Node> nodes = new ArrayList<>();
        path.forEach(nodes::add);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < nodes.size(); i++) {
            Path.Node n = nodes.get(i);
            ElementKind kind = n.getKind();
            if (kind == ElementKind.METHOD || kind == ElementKind.CONSTRUCTOR || kind == ElementKind.CROSS_PARAMETER
                    || kind == ElementKind.RETURN_VALUE) {
                continue;
            }
            if (kind == ElementKind.PARAMETER && i < nodes.size() - 1) {
                continue; // a request body: name its fields, not the Java parameter
            }
            if (n.getIndex() != null && sb.length() > 0) {
                sb.append('[').append(n.getIndex()).append(']');
            } else if (n.getKey() != null && sb.length() > 0) {
                sb.append('[').append(n.getKey()).append(']');
            }
            if (n.getName() != null && !n.getName().startsWith("<")) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(n.getName());
            }
        }
        return sb.length() == 0 ? "body" : sb.toString();
    }

    private static String friendlyType(Class<?> type) {
        if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class)) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type.isEnum()) {
            Object[] constants = type.getEnumConstants();
            List<String> names = new ArrayList<>();
            for (Object c : constants) {
                names.add(c.toString());
            }
            return "one of " + names;
        }
        if (java.time.temporal.Temporal.class.isAssignableFrom(type)) {
            return "an ISO-8601 " + type.getSimpleName().replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase();
        }
        if (type == String.class) {
            return "a string";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        return "an object";
    }

    private static Response respond(Problem p, UriInfo uri) {
        return builder(p, uri).build();
    }

    private static Response.ResponseBuilder builder(Problem p, UriInfo uri) {
        Problem withPath = uri == null ? p : p.withInstance(uri.getPath());
        return Response.status(p.status()).type(Problem.MEDIA_TYPE).entity(withPath);
    }
}
