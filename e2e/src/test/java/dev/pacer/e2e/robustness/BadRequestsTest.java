package dev.pacer.e2e.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Plain unit test: the requests made from a small OpenAPI document, without any service. */
class BadRequestsTest {
    private static final String DOC = """
            {"paths": {
              "/goals": {"post": {"requestBody": {"content": {"application/json": {
                  "schema": {"$ref": "#/components/schemas/NewGoal"},
                  "examples": {"one": {"value": {"title": "Revenue", "target": 10}}}}}}}},
              "/goals/{id}": {"get": {"parameters": [{"name": "id", "in": "path", "required": true,
                  "schema": {"type": "string", "format": "uuid"}}]}}},
             "components": {"schemas": {"NewGoal": {"type": "object", "properties": {
                  "title": {"type": "string"}, "target": {"type": "number"}}}}}}
            """;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void eachRequestChangesOneThingOfAPlausibleOne() throws Exception {
        JsonNode doc = json.readTree(DOC);
        List<BadRequests.Request> requests = BadRequests.of(doc);

        List<BadRequests.Request> posts = requests.stream().filter(r -> r.method().equals("POST")).toList();
        assertThat(posts).extracting(BadRequests.Request::what)
                .contains("as documented", "malformed JSON", "an unknown member", "member title left out",
                        "member target left out",
                        "member title = null", "member target = \"abc\"", "member target = 1E+400",
                        "a body of a media type it does not take");
        BadRequests.Request noTarget = posts.stream().filter(r -> r.what().equals("member target left out"))
                .findFirst().orElseThrow();
        assertThat(new String(noTarget.body(), StandardCharsets.UTF_8)).isEqualTo("{\"title\":\"Revenue\"}");
        assertThat(noTarget.contentType()).isEqualTo("application/json");

        List<BadRequests.Request> gets = requests.stream().filter(r -> r.method().equals("GET")).toList();
        assertThat(gets).extracting(BadRequests.Request::path)
                .contains("/goals/not-a-value", "/goals/%00", "/goals/%25", "/goals/" + BadRequests.TOO_LONG)
                .allSatisfy(p -> assertThat(p).startsWith("/goals/"));
        assertThat(gets).allSatisfy(r -> assertThat(r.body()).isNull());
    }

    @Test
    void theSecondRoundIsOnThingsThatExist() throws Exception {
        JsonNode doc = json.readTree(DOC);
        KnownIds known = new KnownIds();
        known.record("/goals", 201, "{\"id\": \"7d0c3c0e-4b8a-4f0e-9a53-2b8f0f3f6c10\", \"title\": \"Revenue\"}");
        known.record("/goals", 404, "{\"id\": \"never-used\"}");

        List<BadRequests.Request> second = BadRequests.of(doc, known);
        assertThat(second).isNotEmpty().allSatisfy(r -> {
            assertThat(r.template()).isEqualTo("/goals/{id}");
            assertThat(r.path()).startsWith("/goals/7d0c3c0e-4b8a-4f0e-9a53-2b8f0f3f6c10");
        });
    }
}
