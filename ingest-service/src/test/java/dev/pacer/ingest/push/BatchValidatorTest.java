package dev.pacer.ingest.push;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pacer.events.RecordChanged;
import dev.pacer.events.RecordOperation;
import dev.pacer.ingest.TestDatasets;
import dev.pacer.ingest.catalog.DatasetSchema;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BatchValidatorTest {
    private static final OffsetDateTime NOW = OffsetDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
    private final DatasetSchema orders = DatasetSchema.fromDefinition("orders", 1, TestDatasets.orderLines("orders", 1));

    private static Map<String, Object> line(int order, int product, Object price) {
        return Map.of("order_id", order, "product_id", product, "customer_id", "VINET", "order_date", "1996-07-04",
                "unit_price", price, "quantity", 1);
    }

    @Test
    void validRecordsBecomeEventsAndInvalidOnesRejectionsInBatchOrder() {
        List<Object> records = List.of(
                line(10248, 11, new BigDecimal("14.00")),
                line(10248, 42, "9.80"),
                Map.of("_op", "delete", "order_id", 10249, "product_id", 14),
                "not a record");

        BatchValidator.Outcome outcome = BatchValidator.validate(orders, records, "erp", 77L, NOW, ZoneOffset.UTC);

        assertThat(outcome.accepted()).extracting(RecordChanged::kafkaKey)
                .containsExactly("orders:10248|11", "orders:10249|14");
        RecordChanged upsert = outcome.accepted().get(0);
        assertThat(upsert.operation()).isEqualTo(RecordOperation.UPSERT);
        assertThat(upsert.dataset()).isEqualTo("orders");
        assertThat(upsert.sourceSystem()).isEqualTo("erp");
        assertThat(upsert.sourceVersion()).isEqualTo(77L);
        assertThat(upsert.ingestedAt()).isEqualTo(NOW);
        assertThat(upsert.eventTime()).isEqualTo(OffsetDateTime.of(1996, 7, 4, 0, 0, 0, 0, ZoneOffset.UTC));
        assertThat(upsert.fields()).containsEntry("unit_price", new BigDecimal("14.00"));
        RecordChanged delete = outcome.accepted().get(1);
        assertThat(delete.operation()).isEqualTo(RecordOperation.DELETE);
        assertThat(delete.fields()).isNull();

        assertThat(outcome.rejected()).extracting(BatchValidator.Rejected::index).containsExactly(1, 3);
        assertThat(outcome.rejected().get(0).primaryKey()).isEqualTo("10248|42");
        assertThat(outcome.rejected().get(0).payload()).isEqualTo(records.get(1));
        assertThat(outcome.rejected().get(1).primaryKey()).isNull();

        PushResult result = outcome.result("orders", "erp", 77L);
        assertThat(result.accepted()).isEqualTo(2);
        assertThat(result.rejected()).isEqualTo(2);
        assertThat(result.rejections()).containsExactly(
                new PushRejection(1, "10248|42", "field 'unit_price' must be a decimal number, not the string \"9.80\""),
                new PushRejection(3, null, "a record must be a JSON object, not the string \"not a record\""));
    }

    @Test
    void anEmptyBatchIsFine() {
        BatchValidator.Outcome outcome = BatchValidator.validate(orders, List.of(), "erp", 1L, NOW, ZoneOffset.UTC);
        assertThat(outcome.accepted()).isEmpty();
        assertThat(outcome.result("orders", "erp", 1L).rejections()).isEmpty();
    }
}
