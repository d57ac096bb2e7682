package dev.pacer.metric.value;

import dev.pacer.events.Grain;
import dev.pacer.metric.definition.Aggregation;
import dev.pacer.metric.definition.MetricDefinition;
import dev.pacer.metric.definition.MetricKind;
import dev.pacer.metric.expression.FieldAccess;
import dev.pacer.metric.expression.Sql;
import dev.pacer.metric.expression.SqlCompiler;
import dev.pacer.metric.expression.ValueType;
import dev.pacer.platform.calendar.FiscalCalendar;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The SQL of the day state (see {@code V7__day_state.sql} and {@code V8__day_state_built_aside.sql}) of one
 * decomposable metric: SIMPLE with SUM, COUNT, COUNT_DISTINCT or AVERAGE (the sum of the measure over how many facts
 * had one, to 34 significant digits). The same statements add a signed set of facts to a state — the consumer's deltas
 * (new versions +1, replaced versions −1), a rebuild from the fact table (every fact +1) and the facts kept pending
 * while it ran — and the reads aggregate the state of a period's days. Only keywords, casts and placeholders are written here; every field name and user value is a
 * parameter (the expressions come from {@link SqlCompiler}).
 *
 * <p>The numbers mean what the fact queries of {@link DatasetQueries} mean: a slice of a period exists when a fact of
 * it passed the filter ({@code facts > 0}); SUM is null when none of them had a measure ({@code present = 0}); COUNT
 * counts the facts (no expression) or the measures; COUNT_DISTINCT counts the distinct measures, compared as values
 * (numbers without trailing zeros, so 1.0 and 1.00 are one value, as {@code count(distinct)} has it).
 */
final class DayStateSql {
    /**
     * The signed facts the consumer's transaction changed: the staged records it applied (+1) and the stored versions
     * they replaced (−1), see {@code FactStore}.
     */
    static final String DELTA_SOURCE = "(select 1 as sign, s.event_date as day, s.fields from "
            + DayStates.APPLIED_STAGE + " and s.dataset = ? and not s.deleted and s.event_date is not null "
            + "union all select -1, old_event_date, old_fields from fact_replaced where dataset = ? and applied "
            + "and not old_deleted and old_event_date is not null) f";
    /** Every live fact of a dataset, for a rebuild. */
    static final String REBUILD_SOURCE = "(select 1 as sign, event_date as day, fields from fact where dataset = ? "
            + "and not deleted and event_date is not null) f";
    /** The transaction-local table of the pending facts one catch-up round of a rebuild took ({@link #TAKE_PENDING}). */
    static final String ROUND_TABLE = "create temporary table if not exists pending_round (sign int, day date, "
            + "fields jsonb) on commit delete rows";
    /**
     * Moves a state's pending facts that are committed by now into {@link #ROUND_TABLE}: those the consumer commits
     * meanwhile stay for the next round (no row is taken twice or missed: a row is deleted where it is taken). The facts
     * were kept by the consumer ({@link #KEEP_PENDING}).
     */
    static final String TAKE_PENDING = "with taken as (delete from metric_state_pending where state_id = ? returning "
            + "sign, day, fields) insert into pending_round (sign, day, fields) select sign, day, fields from taken";
    /** The pending facts of the round ({@link #TAKE_PENDING}). */
    static final String ROUND_SOURCE = "(select sign, day, fields from pending_round) f";
    /** Keeps the consumer transaction's signed facts ({@link #DELTA_SOURCE}) for a state being built. */
    static final String KEEP_PENDING = "insert into metric_state_pending (state_id, sign, day, fields) "
            + "select ?, f.sign, f.day, f.fields from " + DELTA_SOURCE;

    private final MetricDefinition definition;
    private final Sql measure;
    private final Sql filter;

    DayStateSql(MetricDefinition definition, Map<String, ValueType> fieldTypes) {
        if (!maintains(definition)) {
            throw new IllegalArgumentException("a " + definition.kind() + " " + definition.aggregation()
                    + " metric has no day state");
        }
        this.definition = definition;
        SqlCompiler compiler = new SqlCompiler(FieldAccess.jsonb("f.fields", n -> Optional.ofNullable(fieldTypes.get(n))));
        this.measure = blank(definition.expression()) ? null : compiler.compile(definition.expression());
        this.filter = blank(definition.filter()) ? null : compiler.compileCondition(definition.filter());
    }

    /** Whether the metric's values can come from a day state: SIMPLE, decomposable, with a measure unless COUNT. */
    static boolean maintains(MetricDefinition d) {
        if (d.kind() != MetricKind.SIMPLE || d.aggregation() == null || d.dataset() == null) {
            return false;
        }
        return switch (d.aggregation()) {
            case SUM, AVERAGE, COUNT_DISTINCT -> !blank(d.expression());
            case COUNT -> true;
            case MIN, MAX -> false;
        };
    }

    boolean distinct() {
        return definition.aggregation() == Aggregation.COUNT_DISTINCT;
    }

    /**
     * Adds the signed facts of {@code source} to the metric's day state. Groups whose deltas cancel out are left alone;
     * rows are written in key order, so two transactions adding to the same rows cannot deadlock on them.
     */
    Sql addDays(long state, String source, List<Object> sourceParams) {
        List<Object> params = new ArrayList<>();
        params.add(state);
        boolean sums = definition.aggregation() == Aggregation.SUM || definition.aggregation() == Aggregation.AVERAGE;
        String total = sums ? "coalesce(sum(sign * m), 0)" : "0";
        String text = "insert into metric_day_state as st (state_id, day, dims, total, present, facts) "
                + "select ?, day, dims, total, present, facts from (select day, " + DIMS + " as dims, " + total
                + " as total, sum(sign * (m is not null)::int) as present, sum(sign) as facts from "
                + slicedFacts(source, sourceParams, params) + " group by day, dk, dv) g "
                + "where facts <> 0 or present <> 0 or total <> 0 order by day, dims "
                + "on conflict (state_id, day, dims) do update set total = st.total + excluded.total, "
                + "present = st.present + excluded.present, facts = st.facts + excluded.facts";
        return new Sql(text, params, ValueType.NULL);
    }

    /**
     * Adds the signed facts of {@code source} to a COUNT_DISTINCT metric's distinct values per slice and day. With
     * {@code track}, every value that this makes appear on a day (0 → some facts) or vanish from it (→ 0) is written to
     * the transaction's {@code distinct_change} (+1 / −1), from which the counts are moved ({@link #changedValues}).
     */
    Sql addDistinct(long state, String source, List<Object> sourceParams, boolean track) {
        List<Object> params = new ArrayList<>();
        String value = measure.type() == ValueType.NUMBER ? "trim_scale(m)::text" : "m::text";
        String deltas = "select " + DIMS + " as dims, v as value, day, sum(sign) as delta from (select sign, day, dk, "
                + "dv, " + value + " as v from " + slicedFacts(source, sourceParams, params) + ") t where v is not null "
                + "group by dk, dv, v, day having sum(sign) <> 0";
        params.add(state);
        String upsert = "insert into metric_distinct_state as st (state_id, dims, value, day, facts) select ?, dims, "
                + "value, day, delta from d order by dims, value, day on conflict (state_id, dims, value, day) do "
                + "update set facts = st.facts + excluded.facts";
        String text = track
                ? "with d as (" + deltas + "), up as (" + upsert + " returning dims, value, day, facts) insert into "
                        + "distinct_change (dims, value, day, change) select up.dims, up.value, up.day, case when "
                        + "up.facts > 0 then 1 else -1 end from up join d using (dims, value, day) where "
                        + "(up.facts > 0) <> (up.facts - d.delta > 0)"
                : "with d as (" + deltas + ") " + upsert;
        return new Sql(text, params, ValueType.NULL);
    }

    /**
     * A slice's dimensions from {@link #slicedFacts}' {@code dk} and {@code dv}: {@code {}} or {@code {dk: dv}}, as the
     * canonical JSON text jsonb prints, which the state tables key by (bytewise, see {@code V10__keys_compare_bytewise.sql}).
     */
    private static final String DIMS = "case when dk is null then '{}' else jsonb_build_object(dk, dv)::text end";

    /**
     * The facts of {@code source} that pass the filter, each with its measure {@code m}, once per slice: the total
     * ({@code dk} null) and one per dimension ({@code dk} its name, {@code dv} the fact's value of it). The measure is
     * computed once per fact ({@code offset 0} keeps the planner from copying the expression into every aggregate that
     * uses it), and slices are grouped by text, their JSON built once per group ({@link #DIMS}).
     */
    private String slicedFacts(String source, List<Object> sourceParams, List<Object> params) {
        StringBuilder sb = new StringBuilder("(select f.sign, f.day, f.fields, ");
        if (measure == null) {
            sb.append("null::int");
        } else {
            sb.append(measure.text());
            params.addAll(measure.params());
        }
        sb.append(" as m from ").append(source);
        params.addAll(sourceParams);
        if (filter != null) {
            sb.append(" where (").append(filter.text()).append(")");
            params.addAll(filter.params());
        }
        sb.append(" offset 0) f cross join lateral (values (null::text, null::text)");
        for (String dim : definition.dimensionsOrEmpty()) {
            sb.append(", (?::text, f.fields ->> ?)");
            params.add(dim);
            params.add(dim);
        }
        return sb.append(") sl(dk, dv)").toString();
    }

    /**
     * The values in {@code distinct_change}, each once per slice with the days it appeared on and vanished from, and
     * the days it is present on now (one index range of the state's key per value): the input of
     * {@link DistinctCounts#moves}. Columns: dims (JSON text), value, came, went, now (days as comma-separated epoch
     * days, which read far faster than a {@code date[]}; null for none).
     */
    static Sql changedValues(long state) {
        return new Sql("select x.dims, x.value, x.came, x.went, (select string_agg((s.day - date '1970-01-01')"
                + "::text, ',') from metric_distinct_state s where s.state_id = ? and s.dims = x.dims and "
                + "s.value = x.value and s.facts > 0) from (select dims, value, string_agg((day - date '1970-01-01')"
                + "::text, ',') filter (where change > 0) as came, string_agg((day - date '1970-01-01')::text, ',') "
                + "filter (where change < 0) as went from distinct_change group by dims, value) x",
                List.of(state), ValueType.NULL);
    }

    /** Moves distinct counts: state id, then arrays of grains, period starts, dims (JSON text) and moves. */
    static final String MOVE_COUNTS = "insert into metric_distinct_count as st (state_id, grain, period_start, dims, "
            + "distinct_values) select ?, g, p, d, n from unnest(?::text[], ?::date[], ?::text[], ?::bigint[]) "
            + "u(g, p, d, n) on conflict (state_id, grain, period_start, dims) do update set distinct_values = "
            + "st.distinct_values + excluded.distinct_values";

    /** The distinct counts of every grain's periods, counted from the distinct values (a rebuild). */
    static Sql countDistinct(long state, FiscalCalendar calendar) {
        StringBuilder periods = new StringBuilder();
        for (Grain g : Grain.values()) {
            periods.append(periods.length() == 0 ? "" : ", ").append("('").append(g.name()).append("', ")
                    .append(Buckets.startOf(g, "s.day", calendar)).append(")");
        }
        String text = "insert into metric_distinct_count (state_id, grain, period_start, dims, distinct_values) "
                + "select ?, g, p, dims, count(distinct value) from metric_distinct_state s cross join lateral "
                + "(values " + periods + ") gp(g, p) where s.state_id = ? and s.facts > 0 group by g, p, dims";
        return new Sql(text, List.of(state, state), ValueType.NULL);
    }

    /**
     * The state aggregated per grain, period and slice: {@code g} (index into the grains' order), {@code p},
     * {@code dims}, {@code total}, {@code present}, {@code facts}; slices without facts are left out.
     */
    static Sql readDays(long state, Map<Grain, Set<LocalDate>> periods, FiscalCalendar calendar) {
        List<Object> params = new ArrayList<>();
        params.add(state);
        StringBuilder sb = new StringBuilder("with t as materialized (select day, dims, total, present, facts from "
                + "metric_day_state where state_id = ? and ")
                .append(DatasetQueries.periodCondition("day", periods, calendar, params)).append(")");
        List<Grain> grains = new ArrayList<>(periods.keySet());
        for (int g = 0; g < grains.size(); g++) {
            sb.append(g == 0 ? " " : " union all ").append("select ").append(g).append(" as g, p, dims, sum(total), "
                    + "sum(present), sum(facts) from (select ").append(Buckets.startOf(grains.get(g), "t.day", calendar))
                    .append(" as p, dims, total, present, facts from t) x where p = any (?) group by p, dims "
                            + "having sum(facts) > 0");
            params.add(periods.get(grains.get(g)));
        }
        return new Sql(sb.toString(), params, ValueType.NULL);
    }

    /**
     * The distinct counts per grain, period and slice: {@code g}, {@code p}, {@code dims}, {@code count}. The periods
     * are bounded by their first and last start too (see {@link DatasetQueries#periodsIn}).
     */
    static Sql readDistinct(long state, Map<Grain, Set<LocalDate>> periods) {
        List<Object> params = new ArrayList<>();
        StringBuilder sb = new StringBuilder();
        List<Grain> grains = new ArrayList<>(periods.keySet());
        for (int g = 0; g < grains.size(); g++) {
            sb.append(g == 0 ? "" : " union all ").append("select ").append(g).append(" as g, period_start, dims, "
                    + "distinct_values from metric_distinct_count where state_id = ? and grain = ? and ")
                    .append(DatasetQueries.periodsIn("period_start", periods.get(grains.get(g)), params, state,
                            grains.get(g).name()));
        }
        return new Sql(sb.toString(), params, ValueType.NULL);
    }

    /** The value of a slice from its aggregated state (facts > 0); {@code distinctCount} for COUNT_DISTINCT. */
    BigDecimal value(BigDecimal total, long present, long facts, Long distinctCount) {
        return switch (definition.aggregation()) {
            case SUM -> present > 0 ? total : null;
            case AVERAGE -> present > 0 ? total.divide(BigDecimal.valueOf(present), MathContext.DECIMAL128) : null;
            case COUNT -> BigDecimal.valueOf(measure == null ? facts : present);
            case COUNT_DISTINCT -> BigDecimal.valueOf(distinctCount == null ? 0 : distinctCount);
            default -> throw new IllegalStateException(definition.aggregation() + " has no day state");
        };
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
