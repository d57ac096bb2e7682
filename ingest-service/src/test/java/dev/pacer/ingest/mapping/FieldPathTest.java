package dev.pacer.ingest.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FieldPathTest {
    private static final Map<String, Object> DOC = Map.of(
            "data", Map.of("items", List.of(Map.of("sku", "A-1"), Map.of("sku", "B-2"))),
            "customer", Map.of("id", "VINET"),
            "total", 42);

    @Test
    void navigatesMembersAndIndexes() {
        assertThat(FieldPath.parse("customer.id").get(DOC)).isEqualTo("VINET");
        assertThat(FieldPath.parse("data.items[1].sku").get(DOC)).isEqualTo("B-2");
        assertThat(FieldPath.parse("data.items").get(DOC)).isEqualTo(List.of(Map.of("sku", "A-1"),
                Map.of("sku", "B-2")));
        assertThat(FieldPath.parse("[0].x").get(List.of(Map.of("x", 1)))).isEqualTo(1);
        assertThat(FieldPath.parse("total").toString()).isEqualTo("total");
    }

    @Test
    void anAbsentStepIsNoValue() {
        assertThat(FieldPath.parse("customer.name").get(DOC)).isNull();
        assertThat(FieldPath.parse("data.items[5].sku").get(DOC)).isNull();
        assertThat(FieldPath.parse("total.value").get(DOC)).isNull();
        assertThat(FieldPath.parse("customer[0]").get(DOC)).isNull();
    }

    @Test
    void malformedPathsAreRefusedSayingWhy() {
        assertThatThrownBy(() -> FieldPath.parse(" ")).hasMessageContaining("is empty");
        assertThatThrownBy(() -> FieldPath.parse("a..b")).hasMessageContaining("empty member name");
        assertThatThrownBy(() -> FieldPath.parse("a[x]")).hasMessageContaining("not a whole number");
        assertThatThrownBy(() -> FieldPath.parse("a[1")).hasMessageContaining("malformed index");
        assertThatThrownBy(() -> FieldPath.parse("a[-1]")).hasMessageContaining("not a whole number");
        assertThatThrownBy(() -> FieldPath.parse("x".repeat(501))).hasMessageContaining("longer than");
    }
}
