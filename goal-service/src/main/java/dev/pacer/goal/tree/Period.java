package dev.pacer.goal.tree;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The period a goal belongs to: a fiscal year ({@code FY2026}) or one quarter of it ({@code FY2026-Q2}).
 *
 * @param fiscalYear the fiscal year, named after the calendar year it starts in
 * @param quarter    the quarter, or null for the whole year
 */
public record Period(int fiscalYear, Quarter quarter) {
    /** The text form, as the API carries it. */
    public static final String PATTERN = "^FY([12]\\d{3})(?:-Q([1-4]))?$";
    private static final Pattern PARSER = Pattern.compile(PATTERN);

    /** The period a text names, or empty when it is not of the form {@code FY2026} or {@code FY2026-Q2}. */
    public static Optional<Period> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = PARSER.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        Quarter q = m.group(2) == null ? null : Quarter.of(Integer.parseInt(m.group(2)));
        return Optional.of(new Period(Integer.parseInt(m.group(1)), q));
    }

    public boolean isQuarter() {
        return quarter != null;
    }

    /** The whole period as a window: Q1–Q4 for a year, Qn–Qn for a quarter. */
    public GoalWindow window() {
        return quarter == null ? new GoalWindow(Quarter.Q1, Quarter.Q4) : new GoalWindow(quarter, quarter);
    }

    /** {@code FY2026} or {@code FY2026-Q2}. */
    public String label() {
        return "FY" + fiscalYear + (quarter == null ? "" : "-" + quarter);
    }

    @Override
    public String toString() {
        return label();
    }
}
