package dev.pacer.metric.value;

import dev.pacer.events.Grain;
import dev.pacer.metric.definition.Aggregation;
import dev.pacer.metric.definition.EntityCondition;
import dev.pacer.metric.definition.MetricDefinition;
import dev.pacer.metric.expression.FieldAccess;
import dev.pacer.metric.expression.Sql;
import dev.pacer.metric.expression.SqlCompiler;
import dev.pacer.metric.expression.ValueType;
import dev.pacer.platform.calendar.FiscalCalendar;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Computes the values of the dataset-based kinds (SIMPLE, FIRST_SEEN, ENTITY_COUNT) for a set of periods of one
 * grain, in one set-based query per slice shape, straight from the fact table. The total and every single dimension
 * come from one query (grouping sets) for SIMPLE metrics.
 */
final class DatasetQueries {
    private static final Map<String, String> OPERATORS = Map.of("=", "=", "!=", "<>", "<", "<", "<=", "<=", ">", ">",
            ">=", ">=");

    private final FiscalCalendar calendar;

    DatasetQueries(FiscalCalendar calendar) {
        this.calendar = calendar;
    }

    Map<Slice, BigDecimal> compute(Connection c, MetricDefinition d, Map<String, ValueType> fieldTypes, Grain grain,
            Set<LocalDate> starts) throws SQLException {
        SqlCompiler compiler = new SqlCompiler(FieldAccess.jsonb("f.fields", n -> Optional.ofNullable(fieldTypes.get(n))));
        return switch (d.kind()) {
            case SIMPLE -> simple(c, d, compiler, grain, starts);
            case FIRST_SEEN -> firstSeen(c, d, compiler, grain, starts);
            case ENTITY_COUNT -> entityCount(c, d, compiler, grain, starts);
            default -> throw new IllegalArgumentException(d.kind() + " is not computed from a dataset");
        };
    }

    private Map<Slice, BigDecimal> simple(Connection c, MetricDefinition d, SqlCompiler compiler, Grain grain,
            Set<LocalDate> starts) throws SQLException {
        List<String> dims = d.dimensionsOrEmpty();
        Sql measure = d.expression() == null || d.expression().isBlank() ? null : compiler.compile(d.expression());
        List<Object> params = new ArrayList<>();
        StringBuilder inner = new StringBuilder("select ").append(Buckets.startOf(grain, "f.event_date", calendar))
                .append(" as p");
        for (int i = 0; i < dims.size(); i++) {
            inner.append(", (f.fields ->> ?) as d").append(i);
            params.add(dims.get(i));
        }
        if (measure != null) {
            inner.append(", ").append(measure.text()).append(" as m");
            params.addAll(measure.params());
        }
        inner.append(where(d, compiler, grain, starts, params));
        String agg = switch (d.aggregation()) {
            case SUM -> "sum(m)";
            case COUNT -> measure == null ? "count(*)" : "count(m)";
            case COUNT_DISTINCT -> "count(distinct m)";
            case AVERAGE -> "avg(m)";
            case MIN -> "min(m)";
            case MAX -> "max(m)";
        };
        StringBuilder sql = new StringBuilder("select p");
        for (int i = 0; i < dims.size(); i++) {
            sql.append(", d").append(i).append(", grouping(d").append(i).append(")");
        }
        sql.append(", ").append(agg).append(" from (").append(inner).append(") t group by ");
        if (dims.isEmpty()) {
            sql.append("p");
        } else {
            sql.append("grouping sets ((p)");
            for (int i = 0; i < dims.size(); i++) {
                sql.append(", (p, d").append(i).append(")");
            }
            sql.append(")");
        }
        Map<Slice, BigDecimal> result = new HashMap<>();
        try (PreparedStatement ps = prepare(c, sql.toString(), params); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Map<String, String> sliceDims = new HashMap<>();
                for (int i = 0; i < dims.size(); i++) {
                    if (rs.getInt(3 + 2 * i) == 0) {
                        sliceDims.put(dims.get(i), rs.getString(2 + 2 * i));
                    }
                }
                result.put(new Slice(grain, rs.getObject(1, LocalDate.class), sliceDims),
                        rs.getBigDecimal(2 + 2 * dims.size()));
            }
        }
        return result;
    }

    private Map<Slice, BigDecimal> firstSeen(Connection c, MetricDefinition d, SqlCompiler compiler, Grain grain,
            Set<LocalDate> starts) throws SQLException {
        Sql entity = compiler.compile(d.entity());
        List<Object> params = new ArrayList<>(entity.params());
        StringBuilder inner = new StringBuilder("select ").append(entity.text())
                .append(" as e, min(f.event_date) as first from fact f where f.dataset = ? and not f.deleted");
        params.add(d.dataset());
        appendFilter(d, compiler, inner, params);
        inner.append(" group by 1");
        String bucket = Buckets.startOf(grain, "t.first", calendar);
        String sql = "select " + bucket + " as p, count(*) from (" + inner + ") t where t.e is not null and " + bucket
                + " = any (?) group by 1";
        params.add(starts);
        Map<Slice, BigDecimal> result = new HashMap<>();
        try (PreparedStatement ps = prepare(c, sql, params); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                result.put(new Slice(grain, rs.getObject(1, LocalDate.class), Map.of()), rs.getBigDecimal(2));
            }
        }
        return result;
    }

    private Map<Slice, BigDecimal> entityCount(Connection c, MetricDefinition d, SqlCompiler compiler, Grain grain,
            Set<LocalDate> starts) throws SQLException {
        Map<Slice, BigDecimal> result = new HashMap<>();
        List<String> shapes = new ArrayList<>();
        shapes.add(null);
        shapes.addAll(d.dimensionsOrEmpty());
        EntityCondition cond = d.entityCondition();
        Sql entity = compiler.compile(d.entity());
        Sql measure = cond.expression() == null || cond.expression().isBlank() ? null : compiler.compile(cond.expression());
        String agg = switch (cond.aggregation()) {
            case SUM -> "sum(m)";
            case COUNT -> measure == null ? "count(*)" : "count(m)";
            case COUNT_DISTINCT -> "count(distinct m)";
            case AVERAGE -> "avg(m)";
            case MIN -> "min(m)";
            case MAX -> "max(m)";
        };
        String op = OPERATORS.get(cond.operator());
        for (String dim : shapes) {
            List<Object> params = new ArrayList<>();
            StringBuilder inner = new StringBuilder("select ").append(Buckets.startOf(grain, "f.event_date", calendar))
                    .append(" as p");
            if (dim != null) {
                inner.append(", (f.fields ->> ?) as d");
                params.add(dim);
            }
            inner.append(", ").append(entity.text()).append(" as e");
            params.addAll(entity.params());
            if (measure != null) {
                inner.append(", ").append(measure.text()).append(" as m");
                params.addAll(measure.params());
            }
            inner.append(where(d, compiler, grain, starts, params));
            String keys = dim == null ? "p" : "p, d";
            String sql = "select " + keys + ", count(*) from (select " + keys + ", e from (" + inner
                    + ") t where e is not null group by " + keys + ", e having " + agg + " " + op + " ?::numeric) x "
                    + "group by " + keys;
            params.add(cond.value());
            try (PreparedStatement ps = prepare(c, sql, params); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Map<String, String> sliceDims = new HashMap<>();
                    if (dim != null) {
                        sliceDims.put(dim, rs.getString(2));
                    }
                    result.put(new Slice(grain, rs.getObject(1, LocalDate.class), sliceDims),
                            rs.getBigDecimal(dim == null ? 2 : 3));
                }
            }
        }
        return result;
    }

    /** {@code from fact f where …} restricted to the dataset, the periods and the metric's filter. */
    private String where(MetricDefinition d, SqlCompiler compiler, Grain grain, Set<LocalDate> starts,
            List<Object> params) {
        LocalDate from = starts.stream().min(LocalDate::compareTo).orElseThrow();
        LocalDate last = starts.stream().max(LocalDate::compareTo).orElseThrow();
        LocalDate to = calendar.periodOf(grain, last).end();
        StringBuilder sb = new StringBuilder(" from fact f where f.dataset = ? and not f.deleted"
                + " and f.event_date >= ? and f.event_date < ? and ")
                .append(Buckets.startOf(grain, "f.event_date", calendar)).append(" = any (?)");
        params.add(d.dataset());
        params.add(from);
        params.add(to);
        params.add(starts);
        appendFilter(d, compiler, sb, params);
        return sb.toString();
    }

    private static void appendFilter(MetricDefinition d, SqlCompiler compiler, StringBuilder sb, List<Object> params) {
        if (d.filter() != null && !d.filter().isBlank()) {
            Sql filter = compiler.compileCondition(d.filter());
            sb.append(" and (").append(filter.text()).append(")");
            params.addAll(filter.params());
        }
    }

    static PreparedStatement prepare(Connection c, String sql, List<Object> params) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        int i = 1;
        for (Object p : params) {
            if (p instanceof Set<?> dates) {
                ps.setArray(i++, c.createArrayOf("date", dates.stream().map(x -> Date.valueOf((LocalDate) x)).toArray()));
            } else if (p instanceof LocalDate date) {
                ps.setObject(i++, date);
            } else {
                ps.setObject(i++, p);
            }
        }
        return ps;
    }

    static boolean isAdditive(Aggregation a) {
        return a == Aggregation.SUM || a == Aggregation.COUNT || a == Aggregation.COUNT_DISTINCT;
    }
}
