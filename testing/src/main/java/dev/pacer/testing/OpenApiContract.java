package dev.pacer.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a frontend team needs from a service's OpenAPI document, checked operation by operation: a summary; a
 * success response; a schema for every body; for JSON bodies, an example for every plain property (or one for the
 * whole body); and an RFC 9457 problem body for every 4xx/5xx response. {@link #violations} names each gap as
 * {@code "POST /goals: 201 application/json: property 'owner' has no example"}, so a failing test says what to fix.
 */
public final class OpenApiContract {
    private static final Set<String> METHODS = Set.of("get", "put", "post", "patch", "delete");
    private static final String PROBLEM = "application/problem+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private OpenApiContract() {
    }

    /** Every gap in the document (JSON form of {@code /q/openapi}); empty when each operation is documented. */
    public static List<String> violations(String openApiJson) {
        JsonNode doc;
        try {
            doc = JSON.readTree(openApiJson);
        } catch (IOException e) {
            throw new UncheckedIOException("The OpenAPI document is not JSON", e);
        }
        List<String> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext();) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (METHODS.contains(op.getKey())) {
                    check(doc, op.getKey().toUpperCase() + " " + path.getKey(), op.getValue(), out);
                }
            }
        }
        return out;
    }

    private static void check(JsonNode doc, String name, JsonNode op, List<String> out) {
        if (op.path("summary").asText("").isBlank() && op.path("description").asText("").isBlank()) {
            out.add(name + ": no summary");
        }
        JsonNode responses = op.path("responses");
        boolean success = false;
        for (Iterator<Map.Entry<String, JsonNode>> it = responses.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> r = it.next();
            String code = r.getKey();
            if (code.startsWith("2") || code.startsWith("3")) {
                success = true;
                bodies(doc, name + ": " + code, r.getValue().path("content"), out);
            } else if (code.startsWith("4") || code.startsWith("5")) {
                if (!r.getValue().path("content").has(PROBLEM)) {
                    out.add(name + ": " + code + " has no " + PROBLEM + " body");
                }
            }
        }
        if (!success) {
            out.add(name + ": no success response");
        }
        if (op.has("requestBody")) {
            bodies(doc, name + ": request body", op.path("requestBody").path("content"), out);
        }
    }

    private static void bodies(JsonNode doc, String where, JsonNode content, List<String> out) {
        for (Iterator<Map.Entry<String, JsonNode>> it = content.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> media = it.next();
            String at = where + " " + media.getKey();
            JsonNode m = media.getValue();
            if (!m.has("schema")) {
                out.add(at + ": no schema");
                continue;
            }
            if (!media.getKey().contains("json") || hasExample(m)) {
                continue;
            }
            JsonNode schema = resolve(doc, m.path("schema"));
            if (hasExample(schema)) {
                continue;
            }
            if ("array".equals(schema.path("type").asText()) || schema.has("items")) {
                schema = resolve(doc, schema.path("items"));
            }
            for (Iterator<Map.Entry<String, JsonNode>> props = schema.path("properties").fields(); props.hasNext();) {
                Map.Entry<String, JsonNode> p = props.next();
                if (!documented(p.getValue())) {
                    out.add(at + ": property '" + p.getKey() + "' has no example");
                }
            }
        }
    }

    /** A property is documented by an example, or by being a reference to (or a list of) a schema of its own. */
    private static boolean documented(JsonNode property) {
        if (hasExample(property) || property.has("$ref") || property.has("allOf") || property.has("oneOf")
                || property.has("anyOf")) {
            return true;
        }
        if (property.has("items")) {
            JsonNode items = property.path("items");
            return items.has("$ref") || hasExample(items);
        }
        return "object".equals(property.path("type").asText()) && property.has("properties");
    }

    private static boolean hasExample(JsonNode node) {
        return node.has("example") || node.has("examples");
    }

    private static JsonNode resolve(JsonNode doc, JsonNode schema) {
        JsonNode s = schema;
        for (int depth = 0; s.has("$ref") && depth < 10; depth++) {
            String ref = s.path("$ref").asText();
            s = doc.path("components").path("schemas").path(ref.substring(ref.lastIndexOf('/') + 1));
        }
        return s;
    }
}
