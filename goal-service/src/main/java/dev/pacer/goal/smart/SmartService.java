package dev.pacer.goal.smart;

import dev.pacer.goal.catalog.CatalogMetric;
import dev.pacer.goal.catalog.MetricCatalog;
import dev.pacer.goal.progress.DimensionSlice;
import dev.pacer.goal.progress.MetricValues;
import dev.pacer.goal.progress.ProgressWindow;
import dev.pacer.goal.tree.ActivationGate;
import dev.pacer.goal.tree.Goal;
import dev.pacer.goal.tree.GoalEntity;
import dev.pacer.goal.tree.GoalService;
import dev.pacer.goal.tree.Period;
import dev.pacer.platform.calendar.FiscalCalendar;
import dev.pacer.platform.problem.Problem;
import dev.pacer.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/** Runs the SMART check of goals, and holds activation to it. */
@ApplicationScoped
public class SmartService implements ActivationGate {
    private final GoalService goals;
    private final MetricCatalog catalog;
    private final MetricValues values;
    private final FiscalCalendar calendar;
    private final Clock clock;
    private final SmartConfig config;

    public SmartService(GoalService goals, MetricCatalog catalog, MetricValues values, FiscalCalendar calendar,
            Clock clock, SmartConfig config) {
        this.goals = goals;
        this.catalog = catalog;
        this.values = values;
        this.calendar = calendar;
        this.clock = clock;
        this.config = config;
    }

    /** The SMART check of a goal the caller may read. */
    @Transactional
    public SmartReport check(UUID goalId) {
        return check(goals.toGoal(goals.readable(goalId)));
    }

    /** 422 listing every failing letter with its reasons, unless the goal passes. */
    @Override
    public void requireActivatable(Goal goal) {
        SmartReport report = check(goal);
        List<SmartReport.LetterVerdict> failing = report.failing();
        if (failing.isEmpty()) {
            return;
        }
        List<Problem.FieldError> errors = failing.stream()
                .map(l -> new Problem.FieldError(l.letter().field(), String.join("; ", l.reasons()))).toList();
        throw new ProblemException(Problem.of(422, "smart-check-failed", "SMART check failed",
                "The goal cannot be activated while its SMART check fails: "
                        + failing.stream().map(l -> l.letter().field()).collect(Collectors.joining(", ")))
                .withErrors(errors));
    }

    SmartReport check(Goal goal) {
        Period period = Period.parse(goal.period()).orElseThrow();
        ProgressWindow window = ProgressWindow.of(calendar, period, goal.window());
        CatalogMetric metric = goal.measure() == null ? null : catalog.find(goal.measure().metricKey()).orElse(null);
        String parentTitle = goal.parentId() == null ? null
                : GoalEntity.<GoalEntity>findByIdOptional(goal.parentId()).map(p -> p.title).orElse(null);
        SmartCheck.Context context = new SmartCheck.Context(metric, GoalEntity.count("parentId", goal.id()),
                parentTitle, pastYears(goal, period), window.start(), window.end(),
                calendar.dateOf(clock.instant()), config.growthFactor());
        return SmartCheck.check(goal, context);
    }

    /** The measure's value over the goal's window in each of the past years that have data, oldest first. */
    private List<BigDecimal> pastYears(Goal goal, Period period) {
        List<BigDecimal> years = new ArrayList<>();
        if (goal.measure() == null) {
            return years;
        }
        String slice = DimensionSlice.key(goal.measure().filter());
        for (int back = config.historyYears(); back >= 1; back--) {
            ProgressWindow past = ProgressWindow.of(calendar, new Period(period.fiscalYear() - back, period.quarter()),
                    goal.window());
            Map<LocalDate, BigDecimal> v = values.within(goal.measure().metricKey(), slice, past.start(), past.end());
            if (!v.isEmpty()) {
                years.add(aggregate(goal, v));
            }
        }
        return years;
    }

    private static BigDecimal aggregate(Goal goal, Map<LocalDate, BigDecimal> v) {
        BigDecimal sum = v.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        return switch (goal.measure().aggregation()) {
            case TOTAL -> sum;
            case END_OF_WINDOW -> v.values().stream().reduce((a, b) -> b).orElseThrow();
            case AVERAGE -> sum.divide(BigDecimal.valueOf(v.size()), MathContext.DECIMAL64);
        };
    }
}
