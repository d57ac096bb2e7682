package dev.pacer.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The contract's rules on small hand-written documents. */
class OpenApiContractTest {
    private static final String PROBLEM = """
            "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}""";

    private static String doc(String operation, String components) {
        return """
                {"paths": {"/widgets": {"post": %s}}, "components": {"schemas": %s}}""".formatted(operation, components);
    }

    @Test
    void aFullyDocumentedOperationHasNoGaps() {
        String op = """
                {"summary": "Create a widget",
                 "requestBody": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Widget"}}}},
                 "responses": {"201": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Widget"}}}},
                               "400": {%s}}}""".formatted(PROBLEM);
        String components = """
                {"Widget": {"type": "object", "properties": {
                   "name": {"type": "string", "examples": ["gear"]},
                   "parts": {"type": "array", "items": {"$ref": "#/components/schemas/Part"}},
                   "owner": {"$ref": "#/components/schemas/Person"}}}}""";
        assertThat(OpenApiContract.violations(doc(op, components))).isEmpty();
    }

    @Test
    void eachGapIsNamed() {
        String op = """
                {"requestBody": {"content": {"application/json": {}}},
                 "responses": {"409": {"description": "conflict"},
                               "404": {"content": {"application/json": {"schema": {"type": "object"}}}}}}""";
        assertThat(OpenApiContract.violations(doc(op, "{}"))).containsExactlyInAnyOrder(
                "POST /widgets: no summary",
                "POST /widgets: 409 has no application/problem+json body",
                "POST /widgets: 404 has no application/problem+json body",
                "POST /widgets: no success response",
                "POST /widgets: request body application/json: no schema");
    }

    @Test
    void aPlainPropertyWithoutExampleIsAGapUnlessTheBodyHasOne() {
        String op = """
                {"summary": "s", "responses": {"200": {"content": {"application/json":
                    {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/Widget"}}}}}}}""";
        String components = """
                {"Widget": {"type": "object", "properties": {
                   "name": {"type": "string", "examples": ["gear"]}, "size": {"type": "integer"}}}}""";
        assertThat(OpenApiContract.violations(doc(op, components)))
                .containsExactly("POST /widgets: 200 application/json: property 'size' has no example");

        String withExample = op.replace("\"schema\"", "\"example\": [{\"name\": \"gear\", \"size\": 3}], \"schema\"");
        assertThat(OpenApiContract.violations(doc(withExample, components))).isEmpty();
    }

    @Test
    void nonJsonBodiesNeedOnlyASchema() {
        String op = """
                {"summary": "s", "responses": {"200": {"content": {"text/csv": {"schema": {"type": "string"}}}}}}""";
        assertThat(OpenApiContract.violations(doc(op, "{}"))).isEmpty();
    }
}
