package dev.pacer.ingest.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pacer.ingest.TestDatasets;
import dev.pacer.ingest.catalog.DatasetSchema;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ColumnMappingTest {
    private final DatasetSchema schema = DatasetSchema.fromDefinition("orders", 1, TestDatasets.orderLines("orders", 1));

    @Test
    void fieldsComeFromColumnsOfTheSameNameIgnoringCaseAndOtherColumnsAreIgnored() {
        ColumnMapping m = ColumnMapping.resolve(schema,
                List.of("ORDER_ID", "product_id", "modified_at", "unit_price", "order_date"), Map.of());
        Map<String, Object> record = m.record(new Object[] {10248, 11, "2024-01-01", 14.0f, LocalDate.parse("1996-07-04")});
        assertThat(record).containsOnly(Map.entry("order_id", 10248), Map.entry("product_id", 11),
                Map.entry("unit_price", new BigDecimal("14.0")), Map.entry("order_date", "1996-07-04"));
    }

    @Test
    void anExplicitMappingWinsAndNullsAreLeftOut() {
        ColumnMapping m = ColumnMapping.resolve(schema, List.of("customer_id", "cust_code"),
                Map.of("customer_id", "cust_code"));
        assertThat(m.record(new Object[] {"WRONG", "VINET"})).containsOnly(Map.entry("customer_id", "VINET"));
        assertThat(m.record(new Object[] {"WRONG", null})).isEmpty();
    }

    @Test
    void aMappingToAnUnknownFieldOrColumnIsNamed() {
        assertThatThrownBy(() -> ColumnMapping.resolve(schema, List.of("a"), Map.of("nope", "a")))
                .hasMessageContaining("field 'nope'");
        assertThatThrownBy(() -> ColumnMapping.resolve(schema, List.of("a"), Map.of("customer_id", "b")))
                .hasMessageContaining("column 'b'").hasMessageContaining("[a]");
    }

    @Test
    void theMappedRecordPassesTheSchemaCheck() {
        ColumnMapping m = ColumnMapping.resolve(schema, List.of("order_id", "product_id", "customer_id", "order_date",
                "unit_price", "quantity"), Map.of());
        var check = schema.check(m.record(new Object[] {10248, 11, "VINET", LocalDate.parse("1996-07-04"),
            new BigDecimal("14.00"), (short) 12}), java.time.ZoneOffset.UTC);
        assertThat(check).isInstanceOf(dev.pacer.ingest.catalog.RecordCheck.Accepted.class);
        assertThat(check.primaryKey()).isEqualTo("10248|11");
    }
}
