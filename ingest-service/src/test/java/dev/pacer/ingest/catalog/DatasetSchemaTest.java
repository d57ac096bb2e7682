package dev.pacer.ingest.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pacer.events.RecordOperation;
import dev.pacer.ingest.TestDatasets;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DatasetSchemaTest {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private final DatasetSchema orders = DatasetSchema.fromDefinition("orders", 3, TestDatasets.orderLines("orders", 3));

    /** A valid order line, as Jackson reads it (decimals as BigDecimal); {@code with} pairs override or add. */
    private static Map<String, Object> line(Object... with) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("order_id", 10248);
        r.put("product_id", 11);
        r.put("customer_id", "VINET");
        r.put("order_date", "1996-07-04");
        r.put("unit_price", new BigDecimal("14.00"));
        r.put("quantity", 12);
        for (int i = 0; i < with.length; i += 2) {
            r.put((String) with[i], with[i + 1]);
        }
        return r;
    }

    private static Map<String, Object> without(Map<String, Object> record, String field) {
        record.remove(field);
        return record;
    }

    private String reasonFor(Object record) {
        RecordCheck check = orders.check(record, SHANGHAI);
        assertThat(check).isInstanceOf(RecordCheck.Rejected.class);
        return ((RecordCheck.Rejected) check).reason();
    }

    @Test
    void readsTheDefinitionAsMetricServicePublishesIt() {
        assertThat(orders.key()).isEqualTo("orders");
        assertThat(orders.version()).isEqualTo(3);
        assertThat(orders.primaryKey()).containsExactly("order_id", "product_id");
        assertThat(orders.eventTimeField()).isEqualTo("order_date");
        assertThat(orders.sourceSystem()).isEqualTo("northwind-erp");
        assertThat(orders.fields().get("unit_price"))
                .isEqualTo(new DatasetSchema.Field("unit_price", FieldType.DECIMAL, true));
        assertThat(orders.fields().get("discount").required()).isFalse();
    }

    @Test
    void aValidRecordIsConvertedWithItsKeyAndEventTime() {
        RecordCheck check = orders.check(line("discount", new BigDecimal("0.15"), "gift", false,
                "shipped_at", "1996-07-16T10:00:00+02:00"), SHANGHAI);

        assertThat(check).isInstanceOf(RecordCheck.Accepted.class);
        RecordCheck.Accepted a = (RecordCheck.Accepted) check;
        assertThat(a.operation()).isEqualTo(RecordOperation.UPSERT);
        assertThat(a.primaryKey()).isEqualTo("10248|11");
        assertThat(a.fields()).containsExactly(
                Map.entry("order_id", 10248L),
                Map.entry("product_id", 11L),
                Map.entry("customer_id", "VINET"),
                Map.entry("order_date", LocalDate.of(1996, 7, 4)),
                Map.entry("unit_price", new BigDecimal("14.00")),
                Map.entry("quantity", 12L),
                Map.entry("discount", new BigDecimal("0.15")),
                Map.entry("gift", false),
                Map.entry("shipped_at", OffsetDateTime.of(1996, 7, 16, 10, 0, 0, 0, ZoneOffset.ofHours(2))));
        assertThat(a.eventTime()).isEqualTo(OffsetDateTime.of(1996, 7, 4, 0, 0, 0, 0, ZoneOffset.ofHours(8)));
    }

    @Test
    void absentAndNullOptionalFieldsAreLeftOut() {
        RecordCheck.Accepted a = (RecordCheck.Accepted) orders.check(line("discount", null), SHANGHAI);
        assertThat(a.fields()).doesNotContainKeys("discount", "gift", "shipped_at");
    }

    @Test
    void theKeyFollowsPrimaryKeyOrderNotRecordOrder() {
        Map<String, Object> reordered = new LinkedHashMap<>();
        reordered.put("product_id", 11);
        reordered.putAll(line());
        assertThat(orders.check(reordered, SHANGHAI).primaryKey()).isEqualTo("10248|11");
    }

    @Test
    void aMissingRequiredFieldIsNamed() {
        assertThat(reasonFor(without(line(), "customer_id"))).isEqualTo("missing required field 'customer_id'");
        assertThat(reasonFor(line("unit_price", null))).isEqualTo("missing required field 'unit_price'");
    }

    @Test
    void aWrongTypeIsNamedWithTheValue() {
        assertThat(reasonFor(line("quantity", "twelve")))
                .isEqualTo("field 'quantity' must be a whole number, not the string \"twelve\"");
        assertThat(reasonFor(line("unit_price", "14.00")))
                .isEqualTo("field 'unit_price' must be a decimal number, not the string \"14.00\"");
        assertThat(reasonFor(line("gift", 1))).isEqualTo("field 'gift' must be true or false, not 1");
    }

    @Test
    void anUnparsableDateOrTimestampIsNamed() {
        assertThat(reasonFor(line("order_date", "1996-13-04")))
                .isEqualTo("field 'order_date' is not a date (yyyy-MM-dd): the string \"1996-13-04\"");
        assertThat(reasonFor(line("shipped_at", "yesterday"))).startsWith("field 'shipped_at' is not an ISO-8601 timestamp");
    }

    @Test
    void anUnknownFieldIsNamed() {
        assertThat(reasonFor(line("colour", "red"))).isEqualTo("unknown field 'colour'");
    }

    @Test
    void everyProblemOfARecordIsReportedAndTheKeyIsKeptWhenValid() {
        RecordCheck check = orders.check(line("colour", "red", "quantity", new BigDecimal("1.5"), "customer_id", null),
                SHANGHAI);
        assertThat(check).isEqualTo(new RecordCheck.Rejected("10248|11", "unknown field 'colour'; "
                + "missing required field 'customer_id'; field 'quantity' must be a whole number, not 1.5"));
        assertThat(orders.check(line("order_id", "x"), SHANGHAI).primaryKey()).isNull();
    }

    @Test
    void aRecordMustBeAnObject() {
        assertThat(reasonFor(List.of(1, 2))).isEqualTo("a record must be a JSON object, not an array");
        assertThat(reasonFor("order")).isEqualTo("a record must be a JSON object, not the string \"order\"");
        assertThat(reasonFor(null)).isEqualTo("a record must be a JSON object, not null");
    }

    @Test
    void aDeleteCarriesOnlyThePrimaryKey() {
        RecordCheck check = orders.check(Map.of("_op", "delete", "order_id", 10249, "product_id", 14), SHANGHAI);
        assertThat(check).isEqualTo(new RecordCheck.Accepted(RecordOperation.DELETE, "10249|14", null, null));
        assertThat(orders.check(Map.of("_op", "DELETE", "order_id", 1, "product_id", 2), SHANGHAI))
                .isInstanceOf(RecordCheck.Accepted.class);
    }

    @Test
    void aDeleteWithOtherFieldsOrWithoutItsKeyIsRefused() {
        assertThat(reasonFor(Map.of("_op", "delete", "order_id", 10249, "product_id", 14, "quantity", 3)))
                .isEqualTo("field 'quantity' is not allowed in a delete, which carries only the primary key "
                        + "[order_id, product_id]");
        assertThat(reasonFor(Map.of("_op", "delete", "order_id", 10249)))
                .isEqualTo("missing required field 'product_id'");
    }

    @Test
    void anUnknownOperationIsNamed() {
        assertThat(reasonFor(line("_op", "merge")))
                .isEqualTo("field '_op' must be \"upsert\" or \"delete\", not the string \"merge\"");
        assertThat(orders.check(line("_op", "upsert"), SHANGHAI)).isInstanceOf(RecordCheck.Accepted.class);
    }

    @Test
    void keyPartsAreCanonicalAndEscaped() {
        Map<String, Object> def = new LinkedHashMap<>(TestDatasets.orderLines("k", 1));
        def.put("fields", List.of(TestDatasets.field("a", "STRING", true), TestDatasets.field("b", "DECIMAL", true),
                TestDatasets.field("t", "TIMESTAMP", true)));
        def.put("primaryKey", List.of("b", "a", "t"));
        def.put("eventTimeField", "t");
        DatasetSchema s = DatasetSchema.fromDefinition("k", 1, def);

        RecordCheck check = s.check(Map.of("a", "x|y\\z", "b", new BigDecimal("14.50"),
                "t", "2024-05-01T09:30:00+08:00"), SHANGHAI);

        assertThat(check.primaryKey()).isEqualTo("14.5|x\\|y\\\\z|2024-05-01T01:30:00Z");
        assertThat(((RecordCheck.Accepted) check).eventTime())
                .isEqualTo(OffsetDateTime.of(2024, 5, 1, 9, 30, 0, 0, ZoneOffset.ofHours(8)));
    }

    @Test
    void keysThatAPlainJoinWouldConfuseStayApart() {
        Map<String, Object> def = new LinkedHashMap<>(TestDatasets.orderLines("k", 1));
        def.put("fields", List.of(TestDatasets.field("a", "STRING", true), TestDatasets.field("c", "STRING", true)));
        def.put("primaryKey", List.of("a", "c"));
        def.remove("eventTimeField");
        DatasetSchema s = DatasetSchema.fromDefinition("k", 1, def);

        String first = s.check(Map.of("a", "x|y", "c", "z"), SHANGHAI).primaryKey();
        String second = s.check(Map.of("a", "x", "c", "y|z"), SHANGHAI).primaryKey();

        assertThat(first).isEqualTo("x\\|y|z");
        assertThat(second).isEqualTo("x|y\\|z");
        assertThat(s.check(Map.of("a", "SO-1001", "c", "10"), SHANGHAI).primaryKey()).isEqualTo("SO-1001|10");
    }

    @Test
    void aDefinitionThatCannotBeASchemaIsRefusedWithTheReason() {
        Map<String, Object> noFields = new LinkedHashMap<>(TestDatasets.orderLines("x", 1));
        noFields.put("fields", List.of());
        assertThatThrownBy(() -> DatasetSchema.fromDefinition("x", 1, noFields))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("definition.fields");

        Map<String, Object> badType = new LinkedHashMap<>(TestDatasets.orderLines("x", 1));
        badType.put("fields", List.of(TestDatasets.field("order_id", "MONEY", true)));
        assertThatThrownBy(() -> DatasetSchema.fromDefinition("x", 1, badType)).hasMessageContaining("MONEY");

        Map<String, Object> badKey = new LinkedHashMap<>(TestDatasets.orderLines("x", 1));
        badKey.put("primaryKey", List.of("nope"));
        assertThatThrownBy(() -> DatasetSchema.fromDefinition("x", 1, badKey)).hasMessageContaining("nope");

        Map<String, Object> badTime = new LinkedHashMap<>(TestDatasets.orderLines("x", 1));
        badTime.put("eventTimeField", "unit_price");
        assertThatThrownBy(() -> DatasetSchema.fromDefinition("x", 1, badTime))
                .hasMessageContaining("must be a DATE or TIMESTAMP");

        Map<String, Object> twice = new LinkedHashMap<>(TestDatasets.orderLines("x", 1));
        twice.put("fields", List.of(TestDatasets.field("order_id", "INTEGER", true),
                TestDatasets.field("order_id", "STRING", true)));
        assertThatThrownBy(() -> DatasetSchema.fromDefinition("x", 1, twice)).hasMessageContaining("defined twice");

        assertThatThrownBy(() -> DatasetSchema.fromDefinition("x", 1, null)).hasMessageContaining("no definition");
    }
}
