package dev.pacer.metric.value;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pacer.events.Grain;
import dev.pacer.metric.definition.Metric;
import dev.pacer.metric.definition.MetricKind;
import dev.pacer.metric.definition.MetricService;
import dev.pacer.platform.calendar.FiscalCalendar;
import dev.pacer.platform.calendar.Period;
import dev.pacer.platform.problem.Problem;
import dev.pacer.platform.problem.ProblemException;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;

/** Reads stored metric values (a series by grain and date range, one slice shape, optionally compared), and takes
 * pushed values of reported metrics. */
@ApplicationScoped
public class MetricValueQuery {
    /** Longest series one query returns. */
    static final int MAX_POINTS = 5000;

    private final AgroalDataSource dataSource;
    private final MetricService metrics;
    private final FiscalCalendar calendar;
    private final ObjectMapper json;
    private final ValueEngine engine;

    public MetricValueQuery(AgroalDataSource dataSource, MetricService metrics, FiscalCalendar calendar,
            ObjectMapper json, ValueEngine engine) {
        this.dataSource = dataSource;
        this.metrics = metrics;
        this.calendar = calendar;
        this.json = json;
        this.engine = engine;
    }

    public MetricValues values(String key, Grain grain, LocalDate from, LocalDate to, String groupBy, String filter,
            MetricValues.Comparison compare) {
        Metric metric = metrics.get(key);
        if (!to.isAfter(from)) {
            throw ProblemException.invalid("to", "must be after from");
        }
        List<String> dims = metric.definition().dimensionsOrEmpty();
        String dimsKeyExact = null;
        String dimsKeyPrefix = null;
        if (filter != null && !filter.isBlank()) {
            int colon = filter.indexOf(':');
            if (colon <= 0) {
                throw ProblemException.invalid("filter", "must be dimension:value, e.g. ship_country:France");
            }
            String dim = filter.substring(0, colon);
            if (!dims.contains(dim)) {
                throw ProblemException.invalid("filter", "'" + dim + "' is not a dimension of " + key + " " + dims);
            }
            if (groupBy != null && !groupBy.isBlank() && !groupBy.equals(dim)) {
                throw ProblemException.invalid("groupBy", "can only group by the filtered dimension '" + dim + "'");
            }
            dimsKeyExact = Slice.dimsKeyOf(Map.of(dim, filter.substring(colon + 1)));
        } else if (groupBy != null && !groupBy.isBlank()) {
            if (!dims.contains(groupBy)) {
                throw ProblemException.invalid("groupBy", "'" + groupBy + "' is not a dimension of " + key + " " + dims);
            }
            dimsKeyPrefix = groupBy + "=";
        } else {
            dimsKeyExact = "";
        }
        LocalDate start = calendar.periodOf(grain, from).start();
        List<Object[]> rows = read(key, grain, start, to, dimsKeyExact, dimsKeyPrefix);
        Map<String, BigDecimal> earlier = new HashMap<>();
        if (compare != null && !rows.isEmpty()) {
            LocalDate earliest = compare == MetricValues.Comparison.PREVIOUS
                    ? calendar.previous(calendar.periodOf(grain, start)).start()
                    : calendar.sameLastYear(calendar.periodOf(grain, start)).start().minus(7, ChronoUnit.DAYS);
            for (Object[] r : read(key, grain, earliest, to, dimsKeyExact, dimsKeyPrefix)) {
                earlier.put(r[0] + "|" + r[2], (BigDecimal) r[3]);
            }
        }
        List<MetricValues.Point> points = new ArrayList<>();
        for (Object[] r : rows) {
            Period p = calendar.periodOf(grain, (LocalDate) r[0]);
            BigDecimal value = (BigDecimal) r[3];
            BigDecimal other = null;
            if (compare != null) {
                Period o = compare == MetricValues.Comparison.PREVIOUS ? calendar.previous(p) : calendar.sameLastYear(p);
                other = earlier.get(o.start() + "|" + r[2]);
            }
            BigDecimal change = value == null || other == null ? null : value.subtract(other);
            BigDecimal ratio = change == null || other.signum() == 0 ? null
                    : change.divide(other.abs(), 4, RoundingMode.HALF_UP);
            @SuppressWarnings("unchecked")
            Map<String, String> d = (Map<String, String>) r[1];
            points.add(new MetricValues.Point(p.label(), p.start(), p.end(), d, value, other, change, ratio));
        }
        return new MetricValues(key, metric.version(), grain, metric.definition().unit(), compare, points);
    }

    /** Stores pushed values of a REPORTED metric (each period checked and named when invalid). */
    @Transactional
    public int report(String key, List<ReportedValue> values) {
        Metric metric = metrics.get(key);
        if (metric.definition().kind() != MetricKind.REPORTED) {
            throw new ProblemException(409, "not-reported", "Not a reported metric",
                    "'" + key + "' is a " + metric.definition().kind() + " metric; only REPORTED metrics take pushed values");
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < values.size(); i++) {
            try {
                String label = calendar.parse(values.get(i).period()).label();
                if (!seen.add(label)) {
                    errors.add(new Problem.FieldError("[" + i + "].period", "repeats period " + label));
                }
            } catch (IllegalArgumentException e) {
                errors.add(new Problem.FieldError("[" + i + "].period", e.getMessage()));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return engine.reported(key, values);
    }

    private List<Object[]> read(String key, Grain grain, LocalDate from, LocalDate to, String exact, String prefix) {
        String sql = "select period_start, dims, dims_key, value from metric_value where metric_key = ? and grain = ? "
                + "and period_start >= ? and period_start < ? and "
                + (exact != null ? "dims_key = ?" : "starts_with(dims_key, ?) and position('&' in dims_key) = 0")
                + " order by period_start, dims_key limit " + (MAX_POINTS + 1);
        List<Object[]> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, key);
            ps.setString(2, grain.name());
            ps.setObject(3, from);
            ps.setObject(4, to);
            ps.setString(5, exact != null ? exact : prefix);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Object[] {rs.getObject(1, LocalDate.class), dims(rs.getString(2)), rs.getString(3),
                        rs.getBigDecimal(4)});
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read metric values: " + e.getMessage(), e);
        }
        if (rows.size() > MAX_POINTS) {
            throw ProblemException.invalid("from", "the range holds more than " + MAX_POINTS
                    + " values; narrow it or use a coarser grain");
        }
        return rows;
    }

    private Map<String, String> dims(String text) {
        try {
            return json.readValue(text, new TypeReference<HashMap<String, String>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
