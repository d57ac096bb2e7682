package dev.pacer.events;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Map;

/** The value of a metric for one period and dimension slice changed (published by metric-service). */
public record MetricValueChanged(
        String metricKey,
        int metricVersion,
        Grain grain,
        LocalDate periodStart,
        LocalDate periodEnd,
        Map<String, String> dimensions,
        BigDecimal value,
        BigDecimal previousValue,
        String unit,
        OffsetDateTime computedAt) implements EventPayload {

    public MetricValueChanged {
        Checks.text(metricKey, "metricKey");
        Checks.present(grain, "grain");
        Checks.present(periodStart, "periodStart");
        Checks.present(periodEnd, "periodEnd");
        if (!periodEnd.isAfter(periodStart)) {
            throw new IllegalArgumentException("periodEnd (exclusive) must be after periodStart");
        }
        Checks.present(computedAt, "computedAt");
        dimensions = Checks.copyOrEmpty(dimensions);
    }

    @Override
    public String kafkaKey() {
        return metricKey;
    }

    @Override
    public String eventType() {
        return EventTypes.METRIC_VALUE_CHANGED;
    }

    @Override
    public String topic() {
        return Topics.METRIC_VALUES;
    }
}
