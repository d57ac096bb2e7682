package dev.pacer.platform.problem;

import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Documents the problem+json error responses on every operation, so frontends see each failure an operation can
 * return (with an example) without reading our code. Operations may still declare their own, which are kept.
 */
public class ProblemOpenApiFilter implements OASFilter {
    private static final String REF = "#/components/schemas/Problem";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        openAPI.getComponents().addSchema("FieldError", fieldErrorSchema());
        openAPI.getComponents().addSchema("Problem", problemSchema());
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        for (Map.Entry<String, PathItem> path : openAPI.getPaths().getPathItems().entrySet()) {
            boolean hasPathParams = path.getKey().contains("{");
            for (Operation op : path.getValue().getOperations().values()) {
                document(op, hasPathParams);
            }
        }
    }

    private static void document(Operation op, boolean hasPathParams) {
        if (op.getResponses() == null) {
            op.setResponses(OASFactory.createAPIResponses());
        }
        APIResponses r = op.getResponses();
        boolean hasBody = op.getRequestBody() != null;
        boolean hasParams = op.getParameters() != null && !op.getParameters().isEmpty();
        boolean secured = op.getSecurity() == null || !op.getSecurity().isEmpty();
        if (hasBody || hasParams) {
            add(r, 400, "Invalid request: malformed JSON, or fields that fail validation (each named in `errors`)",
                    ProblemException.invalid(List.of(new Problem.FieldError("key", "must not be blank"))).problem());
        }
        if (secured) {
            add(r, 401, "No valid bearer token", StatusProblems.forStatus(401, null));
            add(r, 403, "The token's roles or departments do not allow this", StatusProblems.forStatus(403, null));
        }
        if (hasPathParams) {
            add(r, 404, "No such resource", ProblemException.notFound("Resource", "id").problem());
        }
        add(r, 406, "The Accept header asks for a media type this operation cannot produce",
                StatusProblems.forStatus(406, null));
        if (hasBody) {
            add(r, 413, "The body exceeds the size limit", StatusProblems.forStatus(413, null));
            add(r, 415, "Wrong Content-Type", StatusProblems.forStatus(415, null));
        }
        add(r, 500, "Unexpected failure (reported with an incident id, never a stack trace)",
                Problem.of(500, "internal", "Internal error",
                        "The service failed to handle this request; quote incident 3f2c… when reporting it"));
        // Failures an operation declares itself (409, 412, 422, 428, …) with a description only get the problem
        // schema and an example too, so no error response is left without a body shape.
        if (r.getAPIResponses() != null) {
            for (String code : List.copyOf(r.getAPIResponses().keySet())) {
                if (code.matches("[45]\\d\\d")) {
                    int status = Integer.parseInt(code);
                    add(r, status, StatusProblems.forStatus(status, null).title(), StatusProblems.forStatus(status, null));
                }
            }
        }
    }

    private static void add(APIResponses responses, int status, String description, Problem example) {
        String code = String.valueOf(status);
        var existing = responses.getAPIResponse(code);
        if (existing != null && existing.getContent() != null && existing.getContent().getMediaTypes() != null
                && !existing.getContent().getMediaTypes().isEmpty()) {
            return; // the operation documents this failure itself
        }
        MediaType media = OASFactory.createMediaType()
                .schema(OASFactory.createSchema().ref(REF))
                .example(exampleOf(example));
        Content content = OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE, media);
        responses.addAPIResponse(code, OASFactory.createAPIResponse()
                .description(existing != null && existing.getDescription() != null
                        && !existing.getDescription().isBlank()
                        && !existing.getDescription().startsWith("Not ") ? existing.getDescription() : description)
                .content(content));
    }

    private static Map<String, Object> exampleOf(Problem p) {
        var map = new java.util.LinkedHashMap<String, Object>();
        map.put("type", p.type().toString());
        map.put("title", p.title());
        map.put("status", p.status());
        map.put("detail", p.detail());
        map.put("instance", "/example");
        if (p.errors() != null && !p.errors().isEmpty()) {
            map.put("errors", p.errors().stream()
                    .map(e -> Map.of("field", e.field(), "message", e.message())).toList());
        }
        return map;
    }

    private static Schema problemSchema() {
        return OASFactory.createSchema()
                .addType(Schema.SchemaType.OBJECT)
                .description("RFC 9457 problem details; `type` is stable, `errors` names each invalid field")
                .addProperty("type", str("Stable URI of the kind of problem", "https://pacer.dev/problems/validation"))
                .addProperty("title", str("Short summary of the kind of problem", "Invalid request"))
                .addProperty("status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER).example(400))
                .addProperty("detail", str("What went wrong this time", "key: must not be blank"))
                .addProperty("instance", str("The request path", "/datasets"))
                .addProperty("errors", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY)
                        .items(OASFactory.createSchema().ref("#/components/schemas/FieldError")))
                .required(List.of("type", "title", "status"));
    }

    private static Schema fieldErrorSchema() {
        return OASFactory.createSchema()
                .addType(Schema.SchemaType.OBJECT)
                .addProperty("field", str("Path of the invalid field", "key"))
                .addProperty("message", str("What is wrong with it", "must not be blank"))
                .required(List.of("field", "message"));
    }

    private static Schema str(String description, String example) {
        return OASFactory.createSchema().addType(Schema.SchemaType.STRING).description(description).example(example);
    }
}
