package dev.pacer.e2e.robustness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Requests no caller should be able to turn into a server error, made from a service's OpenAPI document. For every
 * operation: garbage in each path, query and header parameter; malformed JSON; the documented body with each of its
 * top-level members removed, nulled, or given a value of the wrong type or an extreme one (too long for an index, out
 * of every numeric range, a NUL character, a date that does not exist); and a body of a media type the operation does
 * not take. Every other part of such a request is plausible (its example, or a value of its type), so each request
 * tests one thing. Pure: reads the document, makes no call.
 */
final class BadRequests {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> METHODS = Set.of("get", "put", "post", "patch", "delete");
    /** Longer than PostgreSQL's limit for a b-tree index entry (2,704 bytes): a key this long cannot be indexed. */
    static final String TOO_LONG = "x".repeat(3_000);
    /** How deep into a body's objects members are varied (0: the top level only). */
    private static final int MAX_DEPTH = 2;
    /** Text that nests deeply: what a recursive parser (expressions, filters, formulas) must refuse, not overflow on. */
    static final List<String> DEEP = List.of("(".repeat(5_000) + "1" + ")".repeat(5_000), "-".repeat(10_000) + "1",
            "not ".repeat(5_000) + "true", "a" + " + a".repeat(20_000));

    /** One request: what it tests, and what to send. */
    record Request(String operation, String template, String what, String method, String path,
            Map<String, String> headers, String contentType, byte[] body) {
        @Override
        public String toString() {
            String shown = body == null ? "" : " body " + abbreviate(new String(body, StandardCharsets.UTF_8));
            return method + " " + abbreviate(path) + " (" + operation + ": " + what + ")" + shown;
        }
    }

    private final JsonNode doc;
    private final KnownIds known;
    private final List<Request> out = new ArrayList<>();

    private BadRequests(JsonNode doc, KnownIds known) {
        this.doc = doc;
        this.known = known;
    }

    /** Every request for every operation of the document (JSON form of {@code /q/openapi}). */
    static List<Request> of(JsonNode doc) {
        return of(doc, new KnownIds());
    }

    /**
     * With things known to exist: the requests for every operation on one of them (each of its path parameters names
     * a known thing), deletions last so that the other operations find them.
     */
    static List<Request> of(JsonNode doc, KnownIds known) {
        BadRequests b = new BadRequests(doc, known);
        doc.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            if (METHODS.contains(op.getKey())) {
                b.operation(path.getKey(), op.getKey().toUpperCase(), op.getValue());
            }
        }));
        List<Request> requests = new ArrayList<>(b.out);
        requests.sort((x, y) -> Boolean.compare(x.method().equals("DELETE"), y.method().equals("DELETE")));
        return requests;
    }

    /**
     * The documented writes among {@code sent}, to be sent several at once: a creation's key and name made unique to
     * the race (so that its copies race each other, not an earlier request), every other write as it is (its copies race
     * for the same version of the same thing).
     */
    static List<Request> racing(List<Request> sent) {
        List<Request> out = new ArrayList<>();
        for (Request r : sent) {
            if (!r.what().equals("as documented") || r.method().equals("GET")) {
                continue;
            }
            byte[] body = r.body();
            if (r.method().equals("POST") && body != null && "application/json".equals(r.contentType())) {
                try {
                    JsonNode parsed = JSON.readTree(body);
                    if (parsed instanceof ObjectNode object) {
                        unique(object, "", 0);
                        body = bytes(object);
                    }
                } catch (Exception e) {
                    // not JSON after all: as it is
                }
            }
            out.add(new Request(r.operation(), r.template(), "sent several at once", r.method(), r.path(), r.headers(),
                    r.contentType(), body));
        }
        return out;
    }

    private void operation(String template, String method, JsonNode op) {
        String name = method + " " + template;
        List<JsonNode> parameters = new ArrayList<>();
        op.path("parameters").forEach(p -> parameters.add(resolve(p)));
        Map<String, String> pathValues = new LinkedHashMap<>();
        Map<String, String> query = new LinkedHashMap<>();
        Map<String, String> headers = new LinkedHashMap<>();
        for (JsonNode p : parameters) {
            String in = p.path("in").asText();
            String value = plausible(p);
            switch (in) {
                case "path" -> {
                    String pname = p.path("name").asText();
                    String prefix = template.substring(0, Math.max(0, template.indexOf("/{" + pname + "}")));
                    pathValues.put(pname, known.isEmpty() ? value : known.value(prefix, pname).orElse(null));
                }
                case "query" -> {
                    if (p.path("required").asBoolean()) {
                        query.put(p.path("name").asText(), value);
                    }
                }
                case "header" -> headers.put(p.path("name").asText(), value);
                default -> { }
            }
        }
        if (!known.isEmpty() && (pathValues.isEmpty() || pathValues.containsValue(null))) {
            return; // the second round is for operations on things that exist
        }
        JsonNode body = op.path("requestBody").path("content");
        String json = body.has("application/json") ? "application/json" : null;
        JsonNode example = json == null ? null : sampleBody(body.path(json));
        byte[] sample = example == null ? null : bytes(example);
        String anyType = body.fieldNames().hasNext() ? body.fieldNames().next() : null;
        byte[] anyBody = json != null ? sample : anyType == null ? null : "x".getBytes(StandardCharsets.UTF_8);

        add(name, "as documented", method, path(template, pathValues, query), headers, json != null ? json : anyType,
                anyBody);
        for (JsonNode p : parameters) {
            String in = p.path("in").asText();
            String pname = p.path("name").asText();
            if (!known.isEmpty() && in.equals("path")) {
                continue; // sent in the first round
            }
            for (String bad : garbage(p.path("schema"), in)) {
                String what = in + " parameter " + pname + " = " + abbreviate(bad);
                switch (in) {
                    case "path" -> {
                        Map<String, String> values = new LinkedHashMap<>(pathValues);
                        values.put(pname, bad);
                        add(name, what, method, path(template, values, query), headers, json != null ? json : anyType,
                                anyBody);
                    }
                    case "query" -> {
                        Map<String, String> q = new LinkedHashMap<>(query);
                        q.put(pname, bad);
                        add(name, what, method, path(template, pathValues, q), headers, json != null ? json : anyType,
                                anyBody);
                    }
                    case "header" -> {
                        Map<String, String> h = new LinkedHashMap<>(headers);
                        h.put(pname, bad);
                        add(name, what, method, path(template, pathValues, query), h, json != null ? json : anyType,
                                anyBody);
                    }
                    default -> { }
                }
            }
        }
        if (anyType == null) {
            return;
        }
        String path = path(template, pathValues, query);
        add(name, "a body of a media type it does not take", method, path, headers, "application/x-pacer-probe",
                "x".getBytes(StandardCharsets.UTF_8));
        if (json == null) {
            for (byte[] raw : List.of(new byte[0], "\u0000".getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xC3,
                    (byte) 0x28, '\n'}, TOO_LONG.repeat(100).getBytes(StandardCharsets.UTF_8))) {
                add(name, "a malformed " + anyType + " body", method, path, headers, anyType, raw);
            }
            return;
        }
        for (byte[] raw : malformedJson()) {
            add(name, "malformed JSON", method, path, headers, json, raw);
        }
        if (example instanceof ObjectNode object) {
            ObjectNode extra = object.deepCopy();
            extra.put("notAMemberOfThisBody", 1);
            add(name, "an unknown member", method, path, headers, json, bytes(extra));
            JsonNode schema = resolve(body.path(json).path("schema"));
            int[] made = {0};
            members(object, "", "", schema, 0, (what, changed) -> {
                if (method.equals("POST")) {
                    unique((ObjectNode) changed, what, ++made[0]);
                }
                add(name, what, method, path, headers, json, bytes(changed));
            });
        }
    }

    /**
     * A creation's {@code key} and {@code name} made unique to the variant (unless the variant is about them), so that it
     * reaches the checks of the rest of the body rather than stopping at "exists already".
     */
    private static void unique(ObjectNode body, String what, int n) {
        if (body.path("key").isTextual() && !what.startsWith("member key ")) {
            body.put("key", body.path("key").asText() + "_" + (n > 0 ? n : "race"));
        }
        if (body.path("name").isTextual() && !what.startsWith("member name ")) {
            body.put("name", body.path("name").asText() + " " + (n > 0 ? n : "race"));
        }
    }

    /**
     * Every member of the object at {@code pointer} in {@code root} (the documented ones and those the example has)
     * left out, and set to each wrong value; members that are objects, or lists of objects, are entered too (their
     * first element), down to {@link #MAX_DEPTH}. Each variant is a copy of the whole body.
     */
    private void members(ObjectNode root, String pointer, String label, JsonNode schema, int depth,
            java.util.function.BiConsumer<String, JsonNode> variant) {
        JsonNode at = root.at(pointer);
        if (!(at instanceof ObjectNode object)) {
            return;
        }
        Map<String, JsonNode> members = new LinkedHashMap<>();
        properties(schema).forEach(members::put);
        object.fieldNames().forEachRemaining(f -> members.putIfAbsent(f, NODES.objectNode()));
        for (Map.Entry<String, JsonNode> m : members.entrySet()) {
            String name = label + m.getKey();
            JsonNode memberSchema = resolve(m.getValue());
            ObjectNode without = root.deepCopy();
            ((ObjectNode) without.at(pointer)).remove(m.getKey());
            variant.accept("member " + name + " left out", without);
            for (JsonNode bad : wrongValues(memberSchema)) {
                ObjectNode changed = root.deepCopy();
                ((ObjectNode) changed.at(pointer)).set(m.getKey(), bad);
                variant.accept("member " + name + " = " + abbreviate(bad.toString()), changed);
            }
            if (depth < MAX_DEPTH) {
                String inner = pointer + "/" + m.getKey().replace("~", "~0").replace("/", "~1");
                JsonNode value = object.path(m.getKey());
                if (value.isObject()) {
                    members(root, inner, name + ".", memberSchema, depth + 1, variant);
                } else if (value.isArray() && value.size() > 0 && value.get(0).isObject()) {
                    members(root, inner + "/0", name + "[0].", resolve(memberSchema.path("items")), depth + 1,
                            variant);
                }
            }
        }
    }

    private void add(String operation, String what, String method, String path, Map<String, String> headers,
            String contentType, byte[] body) {
        out.add(new Request(operation, operation.substring(operation.indexOf(' ') + 1), what, method, path,
                Map.copyOf(headers), body == null ? null : contentType, body));
    }

    /** Garbage for a parameter of this schema, as it would be typed (encoded later). */
    private List<String> garbage(JsonNode schema, String in) {
        Set<String> values = new LinkedHashSet<>(List.of("", "not-a-value", "-1", "0", "99999999999999999999",
                "1e309", "NaN", "2026-02-30", "2026-13-01T25:61:00Z", TOO_LONG, "\u0000", "%", "\u202Ebidi", "' or 1=1 --",
                "{}", "[]"));
        if ("header".equals(in)) {
            values.remove("\u0000");  // a header cannot carry it (the client refuses it)
            values.addAll(List.of("\"abc\"", "\"-1\"", "\"99999999999\"", "W/\"1\"", "*", "\"1\", \"2\""));
        }
        if ("path".equals(in)) {
            values.remove("");  // an empty segment is another path
        }
        return new ArrayList<>(values);
    }

    /** Values of the wrong type or at the edge of the member's type, each of which must be refused or handled. */
    private List<JsonNode> wrongValues(JsonNode schema) {
        List<JsonNode> v = new ArrayList<>();
        v.add(NODES.nullNode());
        String type = type(schema);
        switch (type) {
            case "string" -> {
                v.add(NODES.objectNode());
                v.add(NODES.arrayNode().add(1));
                v.add(NODES.textNode(""));
                v.add(NODES.textNode("   "));
                v.add(NODES.textNode("a\u0000b"));
                v.add(NODES.textNode(TOO_LONG));
                v.add(NODES.textNode("\uD800"));
                DEEP.forEach(d -> v.add(NODES.textNode(d)));
                v.add(NODES.textNode("1/0"));
                v.add(NODES.textNode("' or 1=1 --"));
                if (schema.has("enum") || schema.has("format")) {
                    v.add(NODES.textNode("NOT_A_VALUE"));
                    v.add(NODES.textNode("2026-02-30"));
                }
            }
            case "integer" -> {
                v.add(NODES.textNode("abc"));
                v.add(NODES.numberNode(new BigDecimal("1.5")));
                v.add(NODES.numberNode(new BigDecimal("9223372036854775808")));
                v.add(NODES.numberNode(new BigDecimal("-9223372036854775809")));
                v.add(NODES.numberNode(new BigDecimal("1E+400")));
                v.add(NODES.numberNode(-1));
                v.add(NODES.numberNode(0));
                v.add(NODES.objectNode());
            }
            case "number" -> {
                v.add(NODES.textNode("abc"));
                v.add(NODES.numberNode(new BigDecimal("1E+400")));
                v.add(NODES.numberNode(new BigDecimal("-1E+400")));
                v.add(NODES.numberNode(new BigDecimal("1E-400")));
                v.add(NODES.numberNode(new BigDecimal("123456789012345678901234567890.123456789")));
                v.add(NODES.numberNode(-1));
                v.add(NODES.objectNode());
            }
            case "boolean" -> {
                v.add(NODES.textNode("maybe"));
                v.add(NODES.numberNode(2));
                v.add(NODES.objectNode());
            }
            case "array" -> {
                v.add(NODES.objectNode());
                v.add(NODES.textNode("x"));
                v.add(NODES.arrayNode().addNull());
                v.add(NODES.arrayNode().add(NODES.objectNode()));
                v.add(NODES.arrayNode().add(NODES.arrayNode()));
                v.add(NODES.arrayNode().add(TOO_LONG));
                v.add(NODES.arrayNode().add("a\u0000b"));
                ArrayNode many = NODES.arrayNode();
                for (int i = 0; i < 20_000; i++) {
                    many.add("x" + i);
                }
                v.add(many);
            }
            case "object" -> {
                v.add(NODES.textNode("x"));
                v.add(NODES.arrayNode().add(1));
                v.add(NODES.objectNode().putNull(""));
                v.add(NODES.objectNode().set("x", NODES.objectNode()));
                v.add(NODES.objectNode().put(TOO_LONG, TOO_LONG));
                v.add(NODES.objectNode().put("x", "a\u0000b"));
                v.add(NODES.objectNode().put("\u0000", "x"));
            }
            default -> {
                v.add(NODES.objectNode());
                v.add(NODES.arrayNode());
                v.add(NODES.textNode("x"));
                v.add(NODES.numberNode(new BigDecimal("1E+400")));
            }
        }
        return v;
    }

    private static List<byte[]> malformedJson() {
        List<String> texts = List.of("", " ", "{", "[", "]", "null", "true", "1", "\"x\"", "{}", "[]", "[1]", "[null]",
                "[{}]", "{\"a\":}", "{\"a\":1,}", "{'a': 1}", "1e999999", "[".repeat(5_000) + "]".repeat(5_000),
                "{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000), "{\"x\":\"\\ud800\"}", "{\"x\":\"\\u0000\"}");
        List<byte[]> out = new ArrayList<>();
        texts.forEach(t -> out.add(t.getBytes(StandardCharsets.UTF_8)));
        ByteArrayOutputStream invalidUtf8 = new ByteArrayOutputStream();
        invalidUtf8.writeBytes("{\"x\":\"".getBytes(StandardCharsets.UTF_8));
        invalidUtf8.write(0xC3);
        invalidUtf8.write(0x28);
        invalidUtf8.writeBytes("\"}".getBytes(StandardCharsets.UTF_8));
        out.add(invalidUtf8.toByteArray());
        return out;
    }

    /** The body of the media type's first example, else one made from its schema. */
    private JsonNode sampleBody(JsonNode media) {
        Iterator<JsonNode> examples = media.path("examples").elements();
        if (examples.hasNext()) {
            JsonNode value = resolve(examples.next()).path("value");
            if (!value.isMissingNode()) {
                return parsedIfText(value);
            }
        }
        if (media.has("example")) {
            return parsedIfText(media.path("example"));
        }
        return sample(resolve(media.path("schema")), 0);
    }

    private static JsonNode parsedIfText(JsonNode value) {
        if (value.isTextual()) {
            try {
                return JSON.readTree(value.asText());
            } catch (Exception e) {
                return value;
            }
        }
        return value;
    }

    /** A value of the schema: its example, else one made from its type and members. */
    private JsonNode sample(JsonNode schema, int depth) {
        if (schema.has("example")) {
            return parsedIfText(schema.path("example"));
        }
        if (schema.has("enum") && schema.path("enum").size() > 0) {
            return schema.path("enum").get(0);
        }
        return switch (type(schema)) {
            case "string" -> NODES.textNode(plainString(schema));
            case "integer" -> NODES.numberNode(1);
            case "number" -> NODES.numberNode(new BigDecimal("1.5"));
            case "boolean" -> NODES.booleanNode(true);
            case "array" -> depth > 4 ? NODES.arrayNode()
                    : NODES.arrayNode().add(sample(resolve(schema.path("items")), depth + 1));
            default -> {
                ObjectNode o = NODES.objectNode();
                if (depth <= 4) {
                    properties(schema).forEach((k, v) -> o.set(k, sample(resolve(v), depth + 1)));
                }
                yield o;
            }
        };
    }

    private static String plainString(JsonNode schema) {
        return switch (schema.path("format").asText()) {
            case "uuid" -> UUID.randomUUID().toString();
            case "date" -> "2026-01-01";
            case "date-time" -> "2026-01-01T00:00:00Z";
            default -> "probe";
        };
    }

    /** A plausible value of a parameter: its example, else one of its type. */
    private String plausible(JsonNode parameter) {
        if (parameter.has("example")) {
            JsonNode e = parameter.path("example");
            return e.isTextual() ? e.asText() : e.toString();
        }
        JsonNode v = sample(resolve(parameter.path("schema")), 0);
        return v.isTextual() ? v.asText() : v.toString();
    }

    /** The schema's members, through {@code $ref} and {@code allOf}. */
    private Map<String, JsonNode> properties(JsonNode schema) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        JsonNode s = resolve(schema);
        s.path("allOf").forEach(part -> out.putAll(properties(part)));
        s.path("properties").fields().forEachRemaining(f -> out.put(f.getKey(), f.getValue()));
        return out;
    }

    private static String type(JsonNode schema) {
        JsonNode type = schema.path("type");
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (!"null".equals(t.asText())) {
                    return t.asText();
                }
            }
        }
        if (type.isTextual()) {
            return type.asText();
        }
        return schema.has("properties") || schema.has("allOf") ? "object" : "";
    }

    private JsonNode resolve(JsonNode node) {
        JsonNode n = node;
        for (int i = 0; i < 10 && n.has("$ref"); i++) {
            String ref = n.path("$ref").asText();
            n = ref.startsWith("#/") ? doc.at(ref.substring(1)) : NODES.objectNode();
        }
        if (n.has("allOf") && n.path("allOf").size() == 1 && !n.has("properties")) {
            return resolve(n.path("allOf").get(0));
        }
        return n;
    }

    private static String path(String template, Map<String, String> pathValues, Map<String, String> query) {
        String p = template;
        for (Map.Entry<String, String> e : pathValues.entrySet()) {
            p = p.replace("{" + e.getKey() + "}", encode(e.getValue()));
        }
        StringBuilder q = new StringBuilder();
        query.forEach((k, v) -> q.append(q.length() == 0 ? "?" : "&").append(encode(k)).append('=').append(encode(v)));
        return p + q;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static byte[] bytes(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String abbreviate(String s) {
        return s.length() <= 300 ? s : s.substring(0, 280) + "…(" + s.length() + " chars)";
    }
}
