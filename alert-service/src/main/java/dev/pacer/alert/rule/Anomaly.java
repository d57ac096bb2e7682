package dev.pacer.alert.rule;

import dev.pacer.events.Grain;
import dev.pacer.events.MetricValueChanged;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A metric value outside its baseline band: {@code centre ± k·spread}, where centre and spread are the median and
 * the MAD scaled by {@value Stats#MAD_SCALE} ({@link Method#MEDIAN_MAD}, robust to earlier outliers) or the mean and
 * sample standard deviation ({@link Method#MEAN_STDDEV}).
 * <p>
 * The baseline is <em>seasonal</em> when {@code minSeasons > 0} and the history holds the same period of at least
 * that many earlier years (same month, quarter, ISO week or day; at most {@value #MAX_SEASONS} years back): then a
 * December is compared with earlier Decembers. Otherwise it is the {@code trailingPeriods} periods before the current
 * one. With fewer than {@code minHistory} trailing values (and not enough seasons) the rule is silent: clear, with
 * the reason "insufficient history". The spread is at least {@code minSpread} (0 for none), so a perfectly flat
 * history does not turn every small wobble into an anomaly if that is not wanted.
 */
public record Anomaly(Method method, double k, int trailingPeriods, int minHistory, int minSeasons, Side side,
        double minSpread, Grain grain, Map<String, String> dimensions) implements RuleCondition {

    /** How far back a seasonal baseline looks, in years. */
    public static final int MAX_SEASONS = 10;

    public enum Method {
        MEDIAN_MAD, MEAN_STDDEV
    }

    public Anomaly {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(grain, "grain");
        dimensions = dimensions == null ? Map.of() : Map.copyOf(dimensions);
        if (!(k > 0) || Double.isInfinite(k)) {
            throw new IllegalArgumentException("k must be positive, was " + k);
        }
        if (minHistory < 2 || trailingPeriods < minHistory) {
            throw new IllegalArgumentException("need 2 <= minHistory (" + minHistory + ") <= trailingPeriods ("
                    + trailingPeriods + ")");
        }
        if (minSeasons != 0 && (minSeasons < 2 || minSeasons > MAX_SEASONS)) {
            throw new IllegalArgumentException("minSeasons must be 0 (not seasonal) or 2.." + MAX_SEASONS);
        }
        if (minSpread < 0 || Double.isNaN(minSpread)) {
            throw new IllegalArgumentException("minSpread must not be negative");
        }
    }

    /** Median ± k·MAD over the trailing periods, either side, not seasonal. */
    public static Anomaly robust(Grain grain, Map<String, String> dimensions, double k, int trailingPeriods,
            int minHistory) {
        return new Anomaly(Method.MEDIAN_MAD, k, trailingPeriods, minHistory, 0, Side.EITHER, 0, grain, dimensions);
    }

    public Anomaly seasonal(int minSeasons) {
        return new Anomaly(method, k, trailingPeriods, minHistory, minSeasons, side, minSpread, grain, dimensions);
    }

    public Anomaly using(Method m) {
        return new Anomaly(m, k, trailingPeriods, minHistory, minSeasons, side, minSpread, grain, dimensions);
    }

    public Anomaly onSide(Side s) {
        return new Anomaly(method, k, trailingPeriods, minHistory, minSeasons, s, minSpread, grain, dimensions);
    }

    public Anomaly withMinSpread(double spread) {
        return new Anomaly(method, k, trailingPeriods, minHistory, minSeasons, side, spread, grain, dimensions);
    }

    @Override
    public String kind() {
        return "anomaly";
    }

    @Override
    public Breach evaluate(RuleInput input, ConditionState state, Clock clock) {
        if (!(input instanceof RuleInput.MetricValue mv)) {
            return Breach.notApplicable("anomaly rule does not judge " + input.getClass().getSimpleName());
        }
        MetricValueChanged v = mv.value();
        String mismatch = Slices.mismatch(v, grain, dimensions);
        if (mismatch != null) {
            return Breach.notApplicable(mismatch);
        }
        List<BigDecimal> seasonal = seasonalSamples(mv.history(), v.periodStart());
        List<BigDecimal> samples;
        String basis;
        if (minSeasons > 0 && seasonal.size() >= minSeasons) {
            samples = seasonal;
            basis = "seasonal " + samples.size();
        } else {
            samples = mv.history().trailing(v.periodStart(), trailingPeriods);
            basis = "trailing " + samples.size();
            if (samples.size() < minHistory) {
                return Breach.clear(v.value(), null, null, "insufficient history: " + samples.size() + " of "
                        + minHistory + " trailing periods" + (minSeasons > 0 ? " and " + seasonal.size() + " of "
                        + minSeasons + " seasons" : "") + " before " + v.periodStart());
            }
        }
        double[] xs = Stats.toArray(samples);
        double centre;
        double spread;
        String name;
        if (method == Method.MEDIAN_MAD) {
            centre = Stats.median(xs);
            spread = Stats.MAD_SCALE * Stats.mad(xs);
            name = "median±" + fmt(k) + "·MAD";
        } else {
            centre = Stats.mean(xs);
            spread = Stats.stddev(xs);
            name = "mean±" + fmt(k) + "σ";
        }
        spread = Math.max(spread, minSpread);
        double half = k * spread;
        Band band = new Band(Stats.decimal(centre - half), Stats.decimal(centre), Stats.decimal(centre + half),
                name + " " + basis, samples.size());
        double x = v.value().doubleValue();
        boolean breached = side.beyond(x - centre, half);
        String reason = v.metricKey() + " " + v.grain() + " " + v.periodStart() + " = " + v.value().toPlainString()
                + (breached ? " is outside " : " is within ") + "the band [" + band.lower().toPlainString() + ", "
                + band.upper().toPlainString() + "] (" + band.method() + ")";
        return breached ? Breach.breached(v.value(), band.centre(), band, reason)
                : Breach.clear(v.value(), band.centre(), band, reason);
    }

    private List<BigDecimal> seasonalSamples(MetricHistory history, LocalDate start) {
        List<BigDecimal> out = new ArrayList<>();
        if (minSeasons == 0 || grain == Grain.YEAR) {
            return out;
        }
        for (int y = 1; y <= MAX_SEASONS; y++) {
            Optional<BigDecimal> value = history.valueAt(Periods.samePeriodYearsBefore(grain, start, y));
            value.ifPresent(out::add);
        }
        return out;
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
