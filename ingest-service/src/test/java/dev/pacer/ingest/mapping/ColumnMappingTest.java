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

    @Test
    void computedFieldsReadTheirColumnsAndConvertLikeCells() {
        Map<String, String> mapping = new java.util.LinkedHashMap<>();
        mapping.put("unit_price", "=round(\"Unit Price\" * (1 - coalesce(rebate, 0)), 2)");
        mapping.put("customer_id", "=upper(trim(cust))");
        mapping.put("order_date", "=date(datum, 'dd.MM.yyyy')");
        mapping.put("gift", "=if(\"Unit Price\" = 0, true, false)");
        mapping.put("discount", "=0");
        ColumnMapping m = ColumnMapping.resolve(schema,
                List.of("order_id", "product_id", "Unit Price", "REBATE", "cust", "datum", "quantity"), mapping);
        assertThat(m.computed()).extracting(ColumnMapping.Computed::field)
                .containsExactly("unit_price", "customer_id", "order_date", "gift", "discount");

        Map<String, Object> record = m.record(new Object[] {"10248", "11", "18,60", "0,1", " vinet ", "04.07.1996",
            "12"}, new TextConversions(true, null, null, null));
        assertThat(record).containsOnly(Map.entry("order_id", 10248L), Map.entry("product_id", 11L),
                Map.entry("quantity", 12L), Map.entry("unit_price", new BigDecimal("16.74")),
                Map.entry("customer_id", "VINET"), Map.entry("order_date", "1996-07-04"),
                Map.entry("gift", false), Map.entry("discount", new BigDecimal("0")));
        var check = schema.check(record, java.time.ZoneOffset.UTC);
        assertThat(check).isInstanceOf(dev.pacer.ingest.catalog.RecordCheck.Accepted.class);
        assertThat(((dev.pacer.ingest.catalog.RecordCheck.Accepted) check).fields())
                .containsEntry("unit_price", new BigDecimal("16.74"));
    }

    @Test
    void jdbcRowsFeedExpressionsWithTheirTypedValues() {
        ColumnMapping m = ColumnMapping.resolve(schema, List.of("order_id", "product_id", "price", "qty"),
                Map.of("unit_price", "=price * qty", "quantity", "=qty"));
        assertThat(m.record(new Object[] {10248, 11, new BigDecimal("14.00"), 12}))
                .containsEntry("unit_price", new BigDecimal("168.00")).containsEntry("quantity", new BigDecimal("12"));
    }

    @Test
    void aRowAnExpressionCannotBeEvaluatedOnIsRefusedNamingFieldColumnAndCell() {
        ColumnMapping m = ColumnMapping.resolve(schema, List.of("order_id", "product_id", "customer_id", "order_date",
                "price", "quantity"), Map.of("unit_price", "=price / quantity"));
        Map<String, Object> record = m.record(new Object[] {"10248", "11", "VINET", "1996-07-04", "14x", "12"},
                TextConversions.DEFAULT);
        var check = schema.check(record, java.time.ZoneOffset.UTC);
        assertThat(check).isInstanceOf(dev.pacer.ingest.catalog.RecordCheck.Rejected.class);
        assertThat(((dev.pacer.ingest.catalog.RecordCheck.Rejected) check).reason()).isEqualTo(
                "field 'unit_price' could not be computed: 'price' is not a number: the string \"14x\"");
        assertThat(check.primaryKey()).as("the key is still known, for the quarantine").isEqualTo("10248|11");

        Map<String, Object> zero = m.record(new Object[] {"10248", "11", "VINET", "1996-07-04", "14", "0"},
                TextConversions.DEFAULT);
        assertThat(((dev.pacer.ingest.catalog.RecordCheck.Rejected) schema.check(zero, java.time.ZoneOffset.UTC))
                .reason()).contains("field 'unit_price' could not be computed: division by zero ('quantity' is 0)");
    }

    @Test
    void expressionsThatDoNotParseOrReadUnknownColumnsAreRefusedNamingTheEntry() {
        assertThatThrownBy(() -> ColumnMapping.resolve(schema, List.of("price"), Map.of("unit_price", "=price *")))
                .isInstanceOf(MappingException.class).hasMessageContaining("field 'unit_price'")
                .hasMessageContaining("ends too early").extracting(e -> ((MappingException) e).property())
                .isEqualTo("mapping.unit_price");
        assertThatThrownBy(() -> ColumnMapping.resolve(schema, List.of("price"), Map.of("unit_price", "=prise * 2")))
                .isInstanceOf(MappingException.class).hasMessageContaining("reads column 'prise'")
                .hasMessageContaining("[price]");
        assertThatThrownBy(() -> ColumnMapping.resolve(schema, List.of("price"), Map.of("unit_price", "=eval(price)")))
                .hasMessageContaining("unknown function 'eval'");
    }
}
