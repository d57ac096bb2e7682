package dev.pacer.e2e.robustness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Identifiers of things that exist, taken from the answers of a first round of requests (what an example body created,
 * what a list returned), so that a second round reaches the checks an operation makes on a real resource rather than
 * stopping at its 404. A thing is remembered under its collection ({@code /goals} for {@code POST /goals},
 * {@code GET /goals} and {@code GET /goals/{id}}) with its scalar members.
 */
final class KnownIds {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Map<String, List<Map<String, String>>> byCollection = new LinkedHashMap<>();

    /** Remembers what a successful answer to an operation on {@code template} shows. */
    void record(String template, int status, String body) {
        if (status < 200 || status > 299 || body == null || body.isBlank()) {
            return;
        }
        JsonNode answer;
        try {
            answer = JSON.readTree(body);
        } catch (Exception e) {
            return;
        }
        String collection = collection(template);
        if (answer.isObject() && answer.path("items").isArray()) {
            answer.path("items").forEach(item -> remember(collection, item));
        } else if (answer.isArray()) {
            answer.forEach(item -> remember(collection, item));
        } else {
            remember(collection, answer);
        }
    }

    /**
     * A value for the path parameter {@code name} that closes {@code prefix} (the template up to it, e.g.
     * {@code /goals} for {@code /goals/{id}}, with earlier parameters already in it): the member of that name of a
     * thing of the collection, else its {@code id} or {@code key}.
     */
    Optional<String> value(String prefix, String name) {
        for (Map<String, String> thing : byCollection.getOrDefault(prefix, List.of())) {
            for (String member : List.of(name, "id", "key")) {
                if (thing.containsKey(member)) {
                    return Optional.of(thing.get(member));
                }
            }
        }
        return Optional.empty();
    }

    boolean isEmpty() {
        return byCollection.isEmpty();
    }

    private void remember(String collection, JsonNode thing) {
        if (!thing.isObject()) {
            return;
        }
        Map<String, String> scalars = new LinkedHashMap<>();
        thing.fields().forEachRemaining(f -> {
            if (f.getValue().isValueNode() && !f.getValue().isNull()) {
                scalars.put(f.getKey(), f.getValue().asText());
            }
        });
        if (!scalars.isEmpty()) {
            byCollection.computeIfAbsent(collection, c -> new ArrayList<>()).add(scalars);
        }
    }

    /** {@code /goals/{id}} and {@code /goals} are both the collection {@code /goals}. */
    static String collection(String template) {
        return template.endsWith("}") ? template.substring(0, template.lastIndexOf('/')) : template;
    }
}
