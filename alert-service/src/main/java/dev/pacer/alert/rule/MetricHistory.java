package dev.pacer.alert.rule;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/** The values of one metric, grain and dimension slice, by period start. Immutable. */
public final class MetricHistory {
    public static final MetricHistory EMPTY = new MetricHistory(List.of());

    /** One period's value. */
    public record PeriodValue(LocalDate periodStart, BigDecimal value) {
        public PeriodValue {
            Objects.requireNonNull(periodStart, "periodStart");
            Objects.requireNonNull(value, "value");
        }
    }

    private final TreeMap<LocalDate, BigDecimal> values = new TreeMap<>();

    /** A later value of the same period replaces an earlier one. */
    public MetricHistory(List<PeriodValue> values) {
        for (PeriodValue v : values) {
            this.values.put(v.periodStart(), v.value());
        }
    }

    public static MetricHistory of(Map<LocalDate, BigDecimal> values) {
        List<PeriodValue> list = new ArrayList<>();
        values.forEach((d, v) -> list.add(new PeriodValue(d, v)));
        return new MetricHistory(list);
    }

    public Optional<BigDecimal> valueAt(LocalDate periodStart) {
        return Optional.ofNullable(values.get(periodStart));
    }

    /** Up to {@code n} values of the periods that start before {@code periodStart}, oldest first. */
    public List<BigDecimal> trailing(LocalDate periodStart, int n) {
        List<BigDecimal> out = new ArrayList<>(values.headMap(periodStart, false).descendingMap().values());
        List<BigDecimal> last = out.subList(0, Math.min(n, out.size()));
        List<BigDecimal> result = new ArrayList<>(last);
        Collections.reverse(result);
        return result;
    }

    public int size() {
        return values.size();
    }
}
