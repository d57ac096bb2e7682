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

    @Test
    void expressionsReadPathsAndComputeFields() {
        Map<String, String> mapping = new LinkedHashMap<>();
        mapping.put("order_id", "order.id");
        mapping.put("unit_price", "=order.lines[0].price * (1 - coalesce(order.rebate, 0))");
        mapping.put("customer_id", "=upper(order.customer.code)");
        mapping.put("order_date", "=date(order.placed, 'dd.MM.yyyy')");
        mapping.put("gift", "=if(order.lines[0].price > 100, true, false)");
        mapping.put("discount", "=\"order.rebate-pct\" / 100");
        JsonRecordMapping json = JsonRecordMapping.of(ORDER_LINES, mapping);
        Map<String, Object> order = new LinkedHashMap<>();
        order.put("id", 10248);
        order.put("customer", Map.of("code", "vinet"));
        order.put("placed", "04.07.1996");
        order.put("rebate", new BigDecimal("0.25"));
        order.put("rebate-pct", 25);
        order.put("lines", List.of(Map.of("price", new BigDecimal("14.00"))));
        Map<String, Object> document = Map.of("order", order, "product_id", 11, "quantity", 12);

        assertThat(json.record(document)).isEqualTo(Map.of("order_id", 10248, "product_id", 11, "quantity", 12,
                "unit_price", new BigDecimal("10.5000"), "customer_id", "VINET", "order_date", "1996-07-04",
                "gift", false, "discount", new BigDecimal("0.25")));
        assertThat(json.record(Map.of("_op", "delete", "order", Map.of("id", 10248), "product_id", 11)))
                .as("a delete carries its key only, not computed values").isEqualTo(Map.of("_op", "delete",
                        "order_id", 10248, "product_id", 11));
    }

    @Test
    void aDocumentAnExpressionCannotBeEvaluatedOnGetsAFailedValue() {
        JsonRecordMapping json = JsonRecordMapping.of(ORDER_LINES, Map.of("unit_price", "=price * qty"));
        Object record = json.record(Map.of("price", "n/a", "qty", 2));
        assertThat(record).isEqualTo(Map.of("unit_price",
                new dev.pacer.ingest.catalog.FailedValue("could not be computed: 'price' is not a number: the string \"n/a\"")));
    }

    @Test
    void badExpressionsAndPathsInExpressionsAreRefusedNamingTheField() {
        assertThatThrownBy(() -> JsonRecordMapping.of(ORDER_LINES, Map.of("unit_price", "=(price")))
                .isInstanceOf(MappingException.class).hasMessageContaining("field 'unit_price'")
                .hasMessageContaining("expected ')'");
        assertThatThrownBy(() -> JsonRecordMapping.of(ORDER_LINES, Map.of("unit_price", "=\"a..b\" * 2")))
                .isInstanceOf(MappingException.class).hasMessageContaining("reads path 'a..b'");
    }
}
