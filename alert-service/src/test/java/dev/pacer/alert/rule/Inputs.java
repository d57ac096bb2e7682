package dev.pacer.alert.rule;

import dev.pacer.events.GoalProgressChanged;
import dev.pacer.events.Grain;
import dev.pacer.events.MetricValueChanged;
import dev.pacer.events.PaceStatus;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/** Test inputs. */
final class Inputs {
    static final OffsetDateTime T0 = OffsetDateTime.parse("2026-05-04T09:00:00Z");
    static final Clock UNUSED_CLOCK = Clock.fixed(Instant.parse("2000-01-01T00:00:00Z"), ZoneOffset.UTC);

    private Inputs() {
    }

    static RuleInput.GoalProgress goal(PaceStatus status, OffsetDateTime asOf) {
        return goal(status, asOf, null, null);
    }

    static RuleInput.GoalProgress goal(PaceStatus status, OffsetDateTime asOf, String forecast, String baseTarget) {
        return new RuleInput.GoalProgress(new GoalProgressChanged("g-1", null, "Q2 revenue", "sales", List.of("sales"),
                "revenue", "2026-Q2", new BigDecimal("400"), new BigDecimal("500"),
                baseTarget == null ? null : new BigDecimal(baseTarget), null, null, null, status, null,
                forecast == null ? null : new BigDecimal(forecast), asOf));
    }

    static MetricValueChanged value(Grain grain, LocalDate start, Map<String, String> dims, String value) {
        LocalDate end = switch (grain) {
            case DAY -> start.plusDays(1);
            case WEEK -> start.plusWeeks(1);
            case MONTH -> start.plusMonths(1);
            case QUARTER -> start.plusMonths(3);
            case YEAR -> start.plusYears(1);
        };
        return new MetricValueChanged("revenue", 1, grain, start, end, dims, new BigDecimal(value), null, "EUR",
                T0);
    }

    static RuleInput.MetricValue monthly(LocalDate start, String value, MetricHistory history) {
        return new RuleInput.MetricValue(value(Grain.MONTH, start, Map.of(), value), history);
    }
}
