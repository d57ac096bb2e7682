package dev.pacer.alert.silence;

import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One condition on an alert's labels: {@code name op value}, with Alertmanager's semantics. A label the alert does
 * not carry has the empty value. Regular expressions are anchored at both ends ({@code team=~"sales"} does not match
 * {@code presales}), limited in length, and evaluated with a step budget, so that no expression can hang the
 * evaluation of alerts: an expression that exhausts its budget does not hold.
 */
public final class LabelMatcher {
    /** Label names, as in Prometheus. */
    public static final String NAME_PATTERN = "^[a-zA-Z_][a-zA-Z0-9_]{0,99}$";
    public static final int MAX_VALUE_LENGTH = 1024;
    public static final int MAX_REGEX_LENGTH = 256;
    /** Character reads a regular expression may make on one label value before it is given up. */
    static final long STEP_BUDGET = 200_000;

    private static final Pattern NAME = Pattern.compile(NAME_PATTERN);

    private final String name;
    private final MatchOperator operator;
    private final String value;
    private final Pattern regex;

    private LabelMatcher(String name, MatchOperator operator, String value, Pattern regex) {
        this.name = name;
        this.operator = operator;
        this.value = value;
        this.regex = regex;
    }

    /**
     * A matcher, its regular expression compiled.
     *
     * @throws InvalidMatcherException naming what is wrong (with the matcher written out)
     */
    public static LabelMatcher of(String name, MatchOperator operator, String value) {
        Objects.requireNonNull(operator, "operator");
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InvalidMatcherException(InvalidMatcherException.Part.NAME,
                    "label name '" + name + "' must start with a letter or _ and hold only letters, digits and _"
                            + " (at most 100)");
        }
        if (value == null) {
            throw new InvalidMatcherException(InvalidMatcherException.Part.VALUE, "must not be null");
        }
        if (!operator.isRegex()) {
            if (value.length() > MAX_VALUE_LENGTH) {
                throw new InvalidMatcherException(InvalidMatcherException.Part.VALUE,
                        "is longer than " + MAX_VALUE_LENGTH + " characters");
            }
            return new LabelMatcher(name, operator, value, null);
        }
        String written = name + operator.symbol() + quote(value);
        if (value.length() > MAX_REGEX_LENGTH) {
            throw new InvalidMatcherException(InvalidMatcherException.Part.VALUE, "matcher " + name
                    + operator.symbol() + " has a regular expression longer than " + MAX_REGEX_LENGTH + " characters");
        }
        try {
            return new LabelMatcher(name, operator, value, Pattern.compile("^(?:" + value + ")$"));
        } catch (PatternSyntaxException e) {
            throw new InvalidMatcherException(InvalidMatcherException.Part.VALUE, "matcher " + written
                    + " is not a valid regular expression: " + e.getDescription()
                    + (e.getIndex() >= 0 ? " at index " + e.getIndex() : ""));
        } catch (StackOverflowError e) {
            throw new InvalidMatcherException(InvalidMatcherException.Part.VALUE,
                    "matcher " + written + " is nested too deeply");
        }
    }

    public static LabelMatcher of(String name, String operatorSymbol, String value) {
        MatchOperator op = MatchOperator.bySymbol(operatorSymbol).orElseThrow(() -> new InvalidMatcherException(
                InvalidMatcherException.Part.OPERATOR, "must be one of " + MatchOperator.SYMBOLS));
        return of(name, op, value);
    }

    /** Whether the alert's labels satisfy this condition. */
    public boolean matches(Map<String, String> labels) {
        return test(labels.getOrDefault(name, ""));
    }

    /** Whether the condition holds for an alert without this label; a silence needs one matcher that does not. */
    public boolean matchesEmpty() {
        return test("");
    }

    private boolean test(String labelValue) {
        return switch (operator) {
            case EQUAL -> value.equals(labelValue);
            case NOT_EQUAL -> !value.equals(labelValue);
            case REGEX -> regexOutcome(labelValue) == Outcome.MATCH;
            case NOT_REGEX -> regexOutcome(labelValue) == Outcome.NO_MATCH;
        };
    }

    private enum Outcome { MATCH, NO_MATCH, GAVE_UP }

    private Outcome regexOutcome(String labelValue) {
        try {
            return regex.matcher(new BudgetedChars(labelValue, STEP_BUDGET)).matches() ? Outcome.MATCH : Outcome.NO_MATCH;
        } catch (BudgetedChars.Exhausted | StackOverflowError e) {
            return Outcome.GAVE_UP;
        }
    }

    public String name() {
        return name;
    }

    public MatchOperator operator() {
        return operator;
    }

    public String value() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LabelMatcher m && name.equals(m.name) && operator == m.operator && value.equals(m.value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, operator, value);
    }

    /** As written in Alertmanager: {@code team=~"sales|marketing"}. */
    @Override
    public String toString() {
        return name + operator.symbol() + quote(value);
    }

    private static String quote(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    /** The label value as a regular expression sees it, counting reads; too many reads stop the match. */
    private static final class BudgetedChars implements CharSequence {
        private final String text;
        private final long[] remaining;

        BudgetedChars(String text, long budget) {
            this(text, new long[] {budget});
        }

        private BudgetedChars(String text, long[] remaining) {
            this.text = text;
            this.remaining = remaining;
        }

        @Override
        public char charAt(int index) {
            if (--remaining[0] < 0) {
                throw new Exhausted();
            }
            return text.charAt(index);
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new BudgetedChars(text.substring(start, end), remaining);
        }

        @Override
        public String toString() {
            return text;
        }

        static final class Exhausted extends RuntimeException {
            Exhausted() {
                super("regular expression step budget exhausted", null, false, false);
            }
        }
    }
}
