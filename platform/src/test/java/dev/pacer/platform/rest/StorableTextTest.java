package dev.pacer.platform.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Plain unit test of the Jackson module, on a mapper of its own (no Quarkus). */
class StorableTextTest {
    record Rule(String name, List<String> tags, Map<String, String> labels) {
    }

    private final ObjectMapper json = new ObjectMapper().registerModule(StorableText.module());

    @Test
    void stringsAndKeysPostgresCanStoreAreReadAsTheyAre() throws Exception {
        Rule r = json.readValue("{\"name\": \"营收 ✓ \\ud83d\\ude00\", \"tags\": [\"a\"], \"labels\": {\"k\": \"v\"}}",
                Rule.class);
        assertThat(r.name()).isEqualTo("营收 ✓ \ud83d\ude00");
        assertThat(r.tags()).containsExactly("a");
        assertThat(r.labels()).containsEntry("k", "v");
    }

    @Test
    void aNulOrAnUnpairedSurrogateIsRefusedWithItsPath() {
        assertThatThrownBy(() -> json.readValue("{\"name\": \"a\\u0000b\"}", Rule.class))
                .isInstanceOf(StorableText.UnstorableTextException.class)
                .satisfies(e -> assertThat(path((JsonMappingException) e)).isEqualTo("name"));
        assertThatThrownBy(() -> json.readValue("{\"tags\": [\"ok\", \"\\udc00\"]}", Rule.class))
                .isInstanceOf(StorableText.UnstorableTextException.class)
                .satisfies(e -> assertThat(path((JsonMappingException) e)).isEqualTo("tags[1]"));
        assertThatThrownBy(() -> json.readValue("{\"labels\": {\"k\": \"\\ud800x\"}}", Rule.class))
                .isInstanceOf(StorableText.UnstorableTextException.class);
        assertThatThrownBy(() -> json.readValue("{\"labels\": {\"\\u0000\": \"v\"}}", Rule.class))
                .isInstanceOf(StorableText.UnstorableTextException.class);
        assertThatThrownBy(() -> json.readValue("\"\\u0000\"", String.class))
                .isInstanceOf(StorableText.UnstorableTextException.class);
    }

    @Test
    void untypedValuesAreCheckedToo() {
        assertThatThrownBy(() -> json.readValue("{\"note\": [\"a\\u0000b\"]}",
                new TypeReference<Map<String, Object>>() { }))
                .isInstanceOf(StorableText.UnstorableTextException.class);
    }

    private static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                sb.append(sb.length() == 0 ? "" : ".").append(ref.getFieldName());
            } else {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }
}
