package dev.pacer.goal.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CatalogMetricTest {
    @Test
    void readsWhatTheSmartCheckNeedsFromAMetricServiceDefinition() {
        CatalogMetric m = CatalogMetric.fromDefinition("revenue", 2, Map.of("name", "Revenue", "kind", "SIMPLE",
                "dataset", "orders", "unit", "USD", "status", "CERTIFIED", "dimensions", List.of("region"),
                "steward", "alice"));
        assertThat(m).isEqualTo(new CatalogMetric("revenue", 2, "Revenue", "CERTIFIED", "SIMPLE", "USD",
                "dataset orders", List.of("region")));
        assertThat(m.certified()).isTrue();
    }

    @Test
    void theSourceOfAMetricDependsOnItsKind() {
        assertThat(source(Map.of("kind", "RATIO", "numerator", "a", "denominator", "b"))).isEqualTo("metrics a / b");
        assertThat(source(Map.of("kind", "RATIO", "numerator", "a"))).isNull();
        assertThat(source(Map.of("kind", "DERIVED", "formula", "a - b"))).isEqualTo("formula a - b");
        assertThat(source(Map.of("kind", "CUMULATIVE", "base", "revenue"))).isEqualTo("running total of revenue");
        assertThat(source(Map.of("kind", "REPORTED"))).isEqualTo("reported values");
        assertThat(source(Map.of("kind", "SIMPLE"))).isNull();
    }

    @Test
    void aDefinitionWithoutKindIsRefused() {
        assertThatThrownBy(() -> CatalogMetric.fromDefinition("x", 1, Map.of("name", "X")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("definition.kind");
    }

    private static String source(Map<String, Object> d) {
        return CatalogMetric.fromDefinition("k", 1, d).source();
    }
}
