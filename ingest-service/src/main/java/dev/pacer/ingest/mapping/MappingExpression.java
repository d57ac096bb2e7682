package dev.pacer.ingest.mapping;

import dev.pacer.ingest.catalog.FailedValue;
import dev.pacer.ingest.catalog.FieldType;
import dev.pacer.ingest.jdbc.JdbcValues;
import dev.pacer.platform.expression.Expr;
import dev.pacer.platform.expression.ExpressionException;
import dev.pacer.platform.expression.Parser;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAccessor;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A computed mapping entry: a mapping value that starts with {@code =} is an expression over one source row, written
 * like a spreadsheet formula in the expression language of metrics ({@code =unit_price * quantity * (1 - discount)},
 * {@code ='CN'}, {@code =upper(trim(customer_id))}, {@code =date(order_date_text, 'dd.MM.yyyy')},
 * {@code =if(amount > 10000, true, false)}). Names are source columns (CSV, XLSX, JDBC) or JSON paths (webhooks);
 * a name that is not a plain word is written in double quotes ({@code "Unit Price"}).
 *
 * <p>Compiled once per source or upload ({@link #compile}: syntax, functions, arity and literal date patterns and
 * zones are checked), evaluated per row in Java: numbers are exact {@link BigDecimal}s (division to 34 significant
 * digits), nulls propagate as in SQL (an absent field or empty cell is null; null in arithmetic or a comparison is
 * null; {@code and}/{@code or} are three-valued), text cells are typed by context (arithmetic parses a text cell as a
 * decimal, honouring the decimal comma; a date function parses it as a date). A row the expression cannot be
 * evaluated on (a cell that is not a number, a division by zero) yields a {@link FailedValue} for the schema to
 * refuse the row with, never an exception. No reflection, no scripting, no regular expressions; lengths of
 * expressions, patterns, produced text and numbers are bounded.
 */
public final class MappingExpression {
    /** The syntax in brief, for API descriptions (a test checks that it names every function). */
    public static final String SYNTAX_HELP = "Expressions: names are source columns or JSON paths (`customer.id`, "
            + "`lines[0].sku`; any other name in double quotes: `\"Unit Price\"`), text in single quotes (`'CN'`, "
            + "`'it''s'`), numbers, true, false, null; operators + - * / % (exact decimals), = != < <= > >=, and, or, "
            + "not, in (…), is [not] null; functions abs, round(number[, digits]), floor, ceil, coalesce(a, b, …), "
            + "nullif(a, b), if(condition, then, else), lower, upper, length, trim, concat(a, b, …), "
            + "substring(text, start[, length]), replace(text, from, to), year, quarter, month, day, "
            + "days_between(date, date), date(text[, pattern]), timestamp(text[, pattern[, zone]]), number(text). "
            + "Text is read as a number, boolean or date where an operator or function needs one (honouring the "
            + "decimal comma and date formats where they are set); an absent or empty value is null, and null spreads as in SQL. "
            + "A row an expression fails on (a cell that is not a number, a division by zero) is refused with a "
            + "reason naming the field and the cell; nullif(x, 0) divides to no value instead.";

    /** Longest expression accepted, in characters, with its {@code =}. */
    public static final int MAX_LENGTH = 2000;
    /** Longest text an expression may produce (concat, replace). */
    static final int MAX_TEXT = 100_000;
    private static final int MAX_PATTERN = 100;
    /** Largest exponent (either way) of a number read from a cell or literal, or written as text. */
    private static final int MAX_EXPONENT = 1000;
    /** Most decimal places of a division's result: the most a DECIMAL field takes. */
    private static final int MAX_SCALE = FieldType.MAX_DECIMAL_DIGITS;
    /** Exact for any value a DECIMAL field holds (38 + 38 digits), and bounded. */
    private static final MathContext ARITHMETIC = new MathContext(2 * FieldType.MAX_DECIMAL_DIGITS, RoundingMode.HALF_EVEN);
    private static final MathContext DIVISION = MathContext.DECIMAL128;
    private static final Parser.Syntax SYNTAX = new Parser.Syntax(MAX_LENGTH, true, true);

    private record Function(int min, int max, String signature) {
    }

    private static final Map<String, Function> FUNCTIONS = new LinkedHashMap<>();

    /** The names of the functions. */
    static Set<String> functions() {
        return FUNCTIONS.keySet();
    }

    static {
        fn("abs", 1, 1, "abs(number)");
        fn("round", 1, 2, "round(number[, digits])");
        fn("floor", 1, 1, "floor(number)");
        fn("ceil", 1, 1, "ceil(number)");
        fn("coalesce", 1, 32, "coalesce(value, value, …)");
        fn("nullif", 2, 2, "nullif(value, value)");
        fn("if", 3, 3, "if(condition, value, value)");
        fn("lower", 1, 1, "lower(text)");
        fn("upper", 1, 1, "upper(text)");
        fn("length", 1, 1, "length(text)");
        fn("trim", 1, 1, "trim(text)");
        fn("concat", 1, 32, "concat(value, value, …)");
        fn("substring", 2, 3, "substring(text, start[, length])");
        fn("replace", 3, 3, "replace(text, from, to)");
        fn("year", 1, 1, "year(date)");
        fn("quarter", 1, 1, "quarter(date)");
        fn("month", 1, 1, "month(date)");
        fn("day", 1, 1, "day(date)");
        fn("days_between", 2, 2, "days_between(date, date)");
        fn("date", 1, 2, "date(text[, pattern])");
        fn("timestamp", 1, 3, "timestamp(text[, pattern[, zone]])");
        fn("number", 1, 1, "number(text)");
    }

    private static void fn(String name, int min, int max, String signature) {
        FUNCTIONS.put(name, new Function(min, max, signature));
    }

    /** Reads a named value of the row being mapped: a column's cell or the value at a JSON path; null when absent. */
    @FunctionalInterface
    public interface Row {
        Object value(String name);
    }

    private final String text;
    private final Expr expr;
    private final Set<String> names = new LinkedHashSet<>();
    /** Literal date-time patterns and zones of date()/timestamp() calls, compiled once. */
    private final Map<Expr, DateTimeFormatter> patterns = new IdentityHashMap<>();
    private final Map<Expr, ZoneId> zones = new IdentityHashMap<>();

    private MappingExpression(String text) {
        this.text = text;
        // The '=' becomes a space, so that positions in messages count from the mapping value's first character.
        this.expr = Parser.parse(" " + text.substring(1), SYNTAX);
        check(expr);
    }

    /** Whether a mapping value is an expression (starts with {@code =}) rather than a column name or path. */
    public static boolean isExpression(String mappingValue) {
        return mappingValue != null && mappingValue.startsWith("=");
    }

    /**
     * @param mappingValue the mapping value, with its leading {@code =}
     * @throws ExpressionException saying what is wrong and where (1-based column of the mapping value)
     */
    public static MappingExpression compile(String mappingValue) {
        if (!isExpression(mappingValue)) {
            throw new IllegalArgumentException("not an expression: " + mappingValue);
        }
        return new MappingExpression(mappingValue);
    }

    /** The columns or paths the expression reads, in order of appearance. */
    public Set<String> names() {
        return names;
    }

    @Override
    public String toString() {
        return text;
    }

    /**
     * The input value of a field of {@code type} computed from a row: the result converted as a cell of that value
     * would be (text by {@code conversions}, numbers, booleans, dates and timestamps as JDBC values are); null when the
     * result is null; a {@link FailedValue} saying why when the row cannot be evaluated.
     */
    public Object input(Row row, FieldType type, TextConversions conversions) {
        try {
            Object v = evaluate(row, conversions);
            if (v instanceof Map<?, ?> || v instanceof List<?>) {
                throw new EvaluationException("the result is " + FieldType.describe(v) + ", not a value");
            }
            if (v instanceof BigDecimal d && outOfRange(d)) {
                throw new EvaluationException("the result " + d + " is out of range");
            }
            return v instanceof String s ? conversions.toInput(s, type) : JdbcValues.toInput(v, type);
        } catch (EvaluationException e) {
            return new FailedValue("could not be computed: " + e.getMessage());
        }
    }

    /**
     * The expression's value on a row: null, a {@link BigDecimal}, {@link String}, {@link Boolean}, {@link LocalDate},
     * {@link LocalDateTime} (a timestamp without zone) or {@link OffsetDateTime}.
     *
     * @throws EvaluationException when the row's values do not fit the expression
     */
    public Object evaluate(Row row, TextConversions conversions) {
        try {
            return new Evaluation(row, conversions).eval(expr);
        } catch (ArithmeticException | DateTimeException e) {
            throw new EvaluationException(e.getMessage());
        }
    }

    // ---- compile-time checks ----

    private void check(Expr e) {
        if (e instanceof Expr.Field f) {
            names.add(f.name());
        } else if (e instanceof Expr.Literal l) {
            if (l.value() instanceof BigDecimal n && outOfRange(n)) {
                throw new ExpressionException("the number " + n + " is out of range", l.position());
            }
        } else if (e instanceof Expr.Unary u) {
            check(u.operand());
        } else if (e instanceof Expr.Binary b) {
            check(b.left());
            check(b.right());
        } else if (e instanceof Expr.In in) {
            check(in.value());
            in.options().forEach(this::check);
        } else if (e instanceof Expr.IsNull n) {
            check(n.value());
        } else if (e instanceof Expr.Call c) {
            Function f = FUNCTIONS.get(c.function());
            if (f == null) {
                throw new ExpressionException("unknown function '" + c.function() + "'; known: "
                        + String.join(", ", FUNCTIONS.values().stream().map(Function::signature).toList()),
                        c.position());
            }
            int n = c.args().size();
            if (n < f.min() || n > f.max()) {
                throw new ExpressionException("'" + c.function() + "' takes " + (f.min() == f.max()
                        ? String.valueOf(f.min()) : f.min() + " to " + f.max()) + " arguments: " + f.signature(),
                        c.position());
            }
            c.args().forEach(this::check);
            if (("date".equals(c.function()) || "timestamp".equals(c.function())) && n >= 2
                    && c.args().get(1) instanceof Expr.Literal l && l.value() instanceof String p) {
                try {
                    patterns.put(l, formatter(p));
                } catch (EvaluationException ex) {
                    throw new ExpressionException(ex.getMessage(), l.position());
                }
            }
            if ("timestamp".equals(c.function()) && n == 3 && c.args().get(2) instanceof Expr.Literal l
                    && l.value() instanceof String z) {
                try {
                    zones.put(l, zone(z));
                } catch (EvaluationException ex) {
                    throw new ExpressionException(ex.getMessage(), l.position());
                }
            }
        }
    }

    private static boolean outOfRange(BigDecimal n) {
        return Math.abs((long) n.scale()) > MAX_EXPONENT || n.precision() - (long) n.scale() > MAX_EXPONENT;
    }

    private static DateTimeFormatter formatter(String pattern) {
        if (pattern.length() > MAX_PATTERN) {
            throw new EvaluationException("a date-time pattern is longer than " + MAX_PATTERN + " characters");
        }
        try {
            return DateTimeFormatter.ofPattern(pattern);
        } catch (IllegalArgumentException e) {
            throw new EvaluationException("'" + pattern + "' is not a date-time pattern (e.g. dd.MM.yyyy): "
                    + e.getMessage());
        }
    }

    private static ZoneId zone(String zone) {
        try {
            return ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw new EvaluationException("'" + zone + "' is not a time zone such as Asia/Shanghai or +08:00");
        }
    }

    // ---- evaluation ----

    /** One evaluation: the row and how its text is read. */
    private final class Evaluation {
        private final Row row;
        private final TextConversions conversions;

        Evaluation(Row row, TextConversions conversions) {
            this.row = row;
            this.conversions = conversions;
        }

        Object eval(Expr e) {
            if (e instanceof Expr.Literal l) {
                return l.value();
            }
            if (e instanceof Expr.Field f) {
                return normalize(row.value(f.name()));
            }
            if (e instanceof Expr.Unary u) {
                Object v = eval(u.operand());
                if (v == null) {
                    return null;
                }
                return "not".equals(u.op()) ? (Object) !bool(v, u.operand()) : number(v, u.operand()).negate();
            }
            if (e instanceof Expr.Binary b) {
                return binary(b);
            }
            if (e instanceof Expr.IsNull n) {
                return (eval(n.value()) == null) != n.negated();
            }
            if (e instanceof Expr.In in) {
                Object v = eval(in.value());
                if (v == null) {
                    return null;
                }
                boolean sawNull = false;
                for (Expr o : in.options()) {
                    Object ov = eval(o);
                    if (ov == null) {
                        sawNull = true;
                    } else if (compare(v, in.value(), ov, o, "in") == 0) {
                        return !in.negated();
                    }
                }
                return sawNull ? null : in.negated();
            }
            return call((Expr.Call) e);
        }

        private Object binary(Expr.Binary b) {
            String op = b.op();
            if ("and".equals(op) || "or".equals(op)) {
                boolean and = "and".equals(op);
                Object lv = eval(b.left());
                Boolean l = lv == null ? null : bool(lv, b.left());
                if (l != null && l != and) {
                    return l; // false and …, true or …
                }
                Object rv = eval(b.right());
                Boolean r = rv == null ? null : bool(rv, b.right());
                if (r != null && r != and) {
                    return r;
                }
                return l == null || r == null ? null : and;
            }
            Object l = eval(b.left());
            Object r = eval(b.right());
            if (l == null || r == null) {
                return null;
            }
            switch (op) {
                case "+", "-", "*", "/", "%" -> {
                    BigDecimal x = number(l, b.left());
                    BigDecimal y = number(r, b.right());
                    return switch (op) {
                        case "+" -> x.add(y, ARITHMETIC);
                        case "-" -> x.subtract(y, ARITHMETIC);
                        case "*" -> x.multiply(y, ARITHMETIC);
                        case "/" -> {
                            if (y.signum() == 0) {
                                throw new EvaluationException("division by zero (" + what(b.right())
                                        + " is 0); divide by nullif(…, 0) to get no value instead");
                            }
                            BigDecimal q = x.divide(y, DIVISION);
                            yield q.scale() > MAX_SCALE ? q.setScale(MAX_SCALE, RoundingMode.HALF_EVEN) : q;
                        }
                        default -> {
                            if (y.signum() == 0) {
                                throw new EvaluationException("division by zero in '%' (" + what(b.right())
                                        + " is 0)");
                            }
                            yield x.remainder(y, ARITHMETIC);
                        }
                    };
                }
                default -> {
                    int c = compare(l, b.left(), r, b.right(), op);
                    return switch (op) {
                        case "=" -> c == 0;
                        case "!=" -> c != 0;
                        case "<" -> c < 0;
                        case "<=" -> c <= 0;
                        case ">" -> c > 0;
                        case ">=" -> c >= 0;
                        default -> throw new EvaluationException("unknown operator '" + op + "'");
                    };
                }
            }
        }

        /**
         * Compares two non-null values, typed by each other: a number makes both numbers, a boolean both booleans
         * (only = and !=), a date or timestamp both temporal; two texts compare as text.
         */
        private int compare(Object l, Expr le, Object r, Expr re, String op) {
            if (l instanceof BigDecimal || r instanceof BigDecimal) {
                return number(l, le).compareTo(number(r, re));
            }
            if (l instanceof Boolean || r instanceof Boolean) {
                if (!"=".equals(op) && !"!=".equals(op) && !"in".equals(op)) {
                    throw new EvaluationException("conditions can only be compared with = or !=, not '" + op + "'");
                }
                return Boolean.compare(bool(l, le), bool(r, re));
            }
            if (isTimestamp(l) || isTimestamp(r)) {
                Object x = timestampOf(l, le);
                Object y = timestampOf(r, re);
                if (x instanceof OffsetDateTime a && y instanceof OffsetDateTime z) {
                    return a.toInstant().compareTo(z.toInstant());
                }
                if (x instanceof LocalDateTime a && y instanceof LocalDateTime z) {
                    return a.compareTo(z);
                }
                throw new EvaluationException("cannot compare a timestamp with an offset and one without; give the "
                        + "zone: timestamp(text, pattern, zone)");
            }
            if (l instanceof LocalDate || r instanceof LocalDate) {
                return date(l, le).compareTo(date(r, re));
            }
            if (l instanceof String x && r instanceof String y) {
                return x.compareTo(y);
            }
            throw new EvaluationException("'" + op + "' cannot compare " + describe(l) + " with " + describe(r));
        }

        private Object call(Expr.Call c) {
            List<Expr> args = c.args();
            String f = c.function();
            switch (f) {
                case "coalesce" -> {
                    for (Expr a : args) {
                        Object v = eval(a);
                        if (v != null) {
                            return v;
                        }
                    }
                    return null;
                }
                case "if" -> {
                    Object cond = eval(args.get(0));
                    return cond != null && bool(cond, args.get(0)) ? eval(args.get(1)) : eval(args.get(2));
                }
                case "nullif" -> {
                    Object a = eval(args.get(0));
                    Object b = eval(args.get(1));
                    return a != null && b != null && compare(a, args.get(0), b, args.get(1), "=") == 0 ? null : a;
                }
                case "concat" -> {
                    StringBuilder sb = new StringBuilder();
                    for (Expr a : args) {
                        Object v = eval(a);
                        if (v != null) {
                            sb.append(text(v, a));
                            if (sb.length() > MAX_TEXT) {
                                throw new EvaluationException("'concat' makes a text longer than " + MAX_TEXT
                                        + " characters");
                            }
                        }
                    }
                    return sb.toString();
                }
                default -> {
                    // the other functions are null when any argument is null
                    Object[] v = new Object[args.size()];
                    for (int i = 0; i < v.length; i++) {
                        v[i] = eval(args.get(i));
                        if (v[i] == null) {
                            return null;
                        }
                    }
                    return strict(c, v);
                }
            }
        }

        private Object strict(Expr.Call c, Object[] v) {
            List<Expr> args = c.args();
            Expr a0 = args.get(0);
            switch (c.function()) {
                case "abs":
                    return number(v[0], a0).abs();
                case "floor":
                    return number(v[0], a0).setScale(0, RoundingMode.FLOOR);
                case "ceil":
                    return number(v[0], a0).setScale(0, RoundingMode.CEILING);
                case "round": {
                    int digits = v.length > 1 ? whole(v[1], args.get(1), -MAX_SCALE, MAX_SCALE) : 0;
                    BigDecimal r = number(v[0], a0).setScale(digits, RoundingMode.HALF_UP);
                    return r.scale() < 0 ? r.setScale(0) : r;
                }
                case "lower":
                    return text(v[0], a0).toLowerCase(java.util.Locale.ROOT);
                case "upper":
                    return text(v[0], a0).toUpperCase(java.util.Locale.ROOT);
                case "trim":
                    return text(v[0], a0).strip();
                case "length": {
                    String s = text(v[0], a0);
                    return BigDecimal.valueOf(s.codePointCount(0, s.length()));
                }
                case "substring":
                    return substring(text(v[0], a0), whole(v[1], args.get(1), Integer.MIN_VALUE, Integer.MAX_VALUE),
                            v.length > 2 ? whole(v[2], args.get(2), 0, Integer.MAX_VALUE) : -1);
                case "replace":
                    return replace(text(v[0], a0), text(v[1], args.get(1)), text(v[2], args.get(2)));
                case "year":
                    return BigDecimal.valueOf(date(v[0], a0).getYear());
                case "quarter":
                    return BigDecimal.valueOf((date(v[0], a0).getMonthValue() + 2) / 3);
                case "month":
                    return BigDecimal.valueOf(date(v[0], a0).getMonthValue());
                case "day":
                    return BigDecimal.valueOf(date(v[0], a0).getDayOfMonth());
                case "days_between":
                    return BigDecimal.valueOf(ChronoUnit.DAYS.between(date(v[0], a0), date(v[1], args.get(1))));
                case "number":
                    return number(v[0], a0);
                case "date":
                    return v.length == 1 ? date(v[0], a0)
                            : parseDate(v[0], a0, pattern(v[1], args.get(1)), text(v[1], args.get(1)));
                case "timestamp":
                    return timestampFunction(c, v);
                default:
                    throw new EvaluationException("unknown function '" + c.function() + "'");
            }
        }

        private Object timestampFunction(Expr.Call c, Object[] v) {
            List<Expr> args = c.args();
            ZoneId zone = v.length > 2 ? zones.getOrDefault(args.get(2), null) : conversions.zone();
            if (v.length > 2 && zone == null) {
                zone = zone(text(v[2], args.get(2)));
            }
            Object t;
            if (v.length == 1 || !(v[0] instanceof String)) {
                t = timestampOf(v[0], args.get(0));
            } else {
                DateTimeFormatter fmt = pattern(v[1], args.get(1));
                t = parseTimestamp((String) v[0], args.get(0), fmt, "the pattern " + text(v[1], args.get(1)));
            }
            if (t instanceof LocalDateTime local && zone != null) {
                return local.atZone(zone).toOffsetDateTime();
            }
            return t;
        }

        private DateTimeFormatter pattern(Object v, Expr src) {
            DateTimeFormatter compiled = patterns.get(src);
            return compiled != null ? compiled : formatter(text(v, src));
        }

        // ---- coercions by context ----

        private BigDecimal number(Object v, Expr src) {
            if (v instanceof BigDecimal d) {
                return d;
            }
            if (v instanceof String s) {
                BigDecimal d = conversions.number(s.strip());
                if (d != null) {
                    if (outOfRange(d)) {
                        throw new EvaluationException(what(src) + " is out of range: " + describe(v));
                    }
                    return d;
                }
            }
            throw new EvaluationException(what(src) + " is not a number: " + describe(v));
        }

        private boolean bool(Object v, Expr src) {
            if (v instanceof Boolean b) {
                return b;
            }
            if (v instanceof String s) {
                Boolean b = TextConversions.bool(s.strip());
                if (b != null) {
                    return b;
                }
            }
            throw new EvaluationException(what(src) + " is not true or false: " + describe(v));
        }

        private String text(Object v, Expr src) {
            if (v instanceof String s) {
                return s;
            }
            if (v instanceof BigDecimal d) {
                if (outOfRange(d)) {
                    throw new EvaluationException(what(src) + " is too large to write as text: " + describe(v));
                }
                return d.toPlainString();
            }
            if (v instanceof Boolean || v instanceof LocalDate || v instanceof LocalDateTime
                    || v instanceof OffsetDateTime) {
                return v.toString();
            }
            throw new EvaluationException(what(src) + " is not a text: " + describe(v));
        }

        private LocalDate date(Object v, Expr src) {
            if (v instanceof LocalDate d) {
                return d;
            }
            if (v instanceof LocalDateTime t) {
                return t.toLocalDate();
            }
            if (v instanceof OffsetDateTime t) {
                return t.toLocalDate();
            }
            if (v instanceof String s) {
                if (conversions.dateFormat() != null) {
                    return parseDate(s, src, formatter(conversions.dateFormat()), conversions.dateFormat());
                }
                String t = s.strip();
                if (t.length() > 10) {
                    Object ts = parseTimestamp(t, src, null, "ISO-8601");
                    return ts instanceof OffsetDateTime o ? o.toLocalDate() : ((LocalDateTime) ts).toLocalDate();
                }
                return parseDate(t, src, DateTimeFormatter.ISO_LOCAL_DATE, "yyyy-MM-dd");
            }
            throw new EvaluationException(what(src) + " is not a date: " + describe(v));
        }

        private LocalDate parseDate(Object v, Expr src, DateTimeFormatter fmt, String patternName) {
            if (!(v instanceof String s)) {
                return date(v, src);
            }
            try {
                return LocalDate.parse(s.strip(), fmt);
            } catch (DateTimeException e) {
                throw new EvaluationException(what(src) + " is not a date in the pattern " + patternName + ": "
                        + describe(v));
            }
        }

        private boolean isTimestamp(Object v) {
            return v instanceof LocalDateTime || v instanceof OffsetDateTime;
        }

        /** A timestamp: {@link OffsetDateTime}, or {@link LocalDateTime} when written without an offset. */
        private Object timestampOf(Object v, Expr src) {
            if (v instanceof OffsetDateTime || v instanceof LocalDateTime) {
                return v;
            }
            if (v instanceof LocalDate d) {
                return d.atStartOfDay();
            }
            if (v instanceof String s) {
                String fmt = conversions.timestampFormat();
                return parseTimestamp(s, src, fmt == null ? null : formatter(fmt),
                        fmt == null ? "ISO-8601" : "the pattern " + fmt);
            }
            throw new EvaluationException(what(src) + " is not a timestamp: " + describe(v));
        }

        /** Parses with {@code fmt} (null: ISO-8601 with or without offset); a date alone is the start of its day. */
        private Object parseTimestamp(String s, Expr src, DateTimeFormatter fmt, String patternName) {
            String t = s.strip();
            try {
                TemporalAccessor parsed = (fmt != null ? fmt : DateTimeFormatter.ISO_DATE_TIME).parseBest(t,
                        OffsetDateTime::from, LocalDateTime::from, LocalDate::from);
                if (parsed instanceof LocalDate d) {
                    return d.atStartOfDay();
                }
                return parsed;
            } catch (DateTimeException e) {
                if (fmt == null) {
                    try {
                        return LocalDate.parse(t).atStartOfDay();
                    } catch (DateTimeException notADate) {
                        // fall through to the error below
                    }
                }
                throw new EvaluationException(what(src) + " is not a timestamp in " + patternName + ": "
                        + describe(s));
            }
        }

        private int whole(Object v, Expr src, int min, int max) {
            BigDecimal d = number(v, src);
            if (d.signum() != 0 && d.stripTrailingZeros().scale() > 0) {
                throw new EvaluationException(what(src) + " must be a whole number: " + describe(v));
            }
            if (d.compareTo(BigDecimal.valueOf(min)) < 0 || d.compareTo(BigDecimal.valueOf(max)) > 0) {
                throw new EvaluationException(what(src) + " must be between " + min + " and " + max + ": "
                        + describe(v));
            }
            return d.intValue();
        }
    }

    /** SQL's substring: 1-based {@code start}, {@code length} characters (−1: to the end); positions before 1 count. */
    private static String substring(String s, int start, int length) {
        int[] cps = s.codePoints().toArray();
        long from = Math.max(start, 1);
        long to = length < 0 ? cps.length + 1L : Math.min((long) start + length, cps.length + 1L);
        if (to <= from || from > cps.length) {
            return "";
        }
        return new String(cps, (int) from - 1, (int) (to - from));
    }

    /** Replaces every {@code from} with {@code to}, literally (no patterns); refuses a result over {@link #MAX_TEXT}. */
    private static String replace(String s, String from, String to) {
        if (from.isEmpty()) {
            return s;
        }
        long count = 0;
        for (int i = s.indexOf(from); i >= 0; i = s.indexOf(from, i + from.length())) {
            count++;
        }
        if (s.length() + count * (to.length() - from.length()) > MAX_TEXT) {
            throw new EvaluationException("'replace' makes a text longer than " + MAX_TEXT + " characters");
        }
        return s.replace(from, to);
    }

    /** A row's value as the evaluation types it: numbers as BigDecimal, dates as java.time, empty text as null. */
    private static Object normalize(Object v) {
        if (v == null || v instanceof BigDecimal || v instanceof Boolean || v instanceof LocalDate
                || v instanceof LocalDateTime || v instanceof OffsetDateTime || v instanceof Map<?, ?>
                || v instanceof List<?>) {
            return v;
        }
        if (v instanceof String s) {
            return s.isEmpty() ? null : s;
        }
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            return BigDecimal.valueOf(((Number) v).longValue());
        }
        if (v instanceof BigInteger i) {
            return new BigDecimal(i);
        }
        if (v instanceof Double || v instanceof Float) {
            try {
                return new BigDecimal(v.toString());
            } catch (NumberFormatException e) {
                return v.toString(); // NaN, Infinity
            }
        }
        if (v instanceof java.sql.Date d) {
            return d.toLocalDate();
        }
        if (v instanceof java.sql.Timestamp t) {
            return t.toLocalDateTime();
        }
        if (v instanceof ZonedDateTime z) {
            return z.toOffsetDateTime();
        }
        return v.toString();
    }

    private static String what(Expr src) {
        return src instanceof Expr.Field f ? "'" + f.name() + "'" : "the value";
    }

    private static String describe(Object v) {
        if (v instanceof LocalDate) {
            return "the date " + v;
        }
        if (v instanceof LocalDateTime || v instanceof OffsetDateTime) {
            return "the timestamp " + v;
        }
        return FieldType.describe(v);
    }
}
