package dev.pacer.ingest.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pacer.ingest.TestDatasets;
import dev.pacer.ingest.catalog.DatasetSchema;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonRecordMappingTest {
    private static final DatasetSchema ORDER_LINES = DatasetSchema.fromDefinition("orders", 1,
            TestDatasets.orderLines("orders", 1));

    @Test
    void mappedPathsThenSameNamedMembersAndNothingElse() {
        JsonRecordMapping mapping = JsonRecordMapping.of(ORDER_LINES, Map.of("order_id", "order.id",
                "customer_id", "order.customer.code"));
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("event", "order.updated");
        event.put("order", Map.of("id", 10248, "customer", Map.of("code", "VINET")));
        event.put("Product_ID", 11);
        event.put("unit_price", new BigDecimal("14.00"));
        event.put("quantity", 12);
        event.put("order_date", "1996-07-04");
        event.put("discount", null);

        assertThat(mapping.record(event)).isEqualTo(Map.of("order_id", 10248, "customer_id", "VINET",
                "product_id", 11, "unit_price", new BigDecimal("14.00"), "quantity", 12, "order_date", "1996-07-04"));
        assertThat(mapping.record(Map.of("_op", "delete", "order", Map.of("id", 1), "product_id", 2)))
                .isEqualTo(Map.of("_op", "delete", "order_id", 1, "product_id", 2));
        assertThat(mapping.record(List.of(1))).as("not an object: for the schema to refuse").isEqualTo(List.of(1));
    }

    @Test
    void aMappingOfAnUnknownFieldOrAMalformedPathIsRefused() {
        assertThatThrownBy(() -> JsonRecordMapping.of(ORDER_LINES, Map.of("nope", "a")))
                .hasMessageContaining("field 'nope'");
        assertThatThrownBy(() -> JsonRecordMapping.of(ORDER_LINES, Map.of("order_id", "a..b")))
                .hasMessageContaining("mapping of field 'order_id'");
    }
}
