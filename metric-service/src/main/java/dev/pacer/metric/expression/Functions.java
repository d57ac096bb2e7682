package dev.pacer.metric.expression;

import dev.pacer.platform.expression.Expr;
import dev.pacer.platform.expression.ExpressionException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** The built-in functions of the expression language and their SQL. */
final class Functions {
    private static final Map<String, String> DESCRIPTIONS = Map.ofEntries(
            Map.entry("abs", "abs(number)"),
            Map.entry("round", "round(number[, digits])"),
            Map.entry("floor", "floor(number)"),
            Map.entry("ceil", "ceil(number)"),
            Map.entry("coalesce", "coalesce(value, value, …)"),
            Map.entry("nullif", "nullif(value, value)"),
            Map.entry("if", "if(condition, value, value)"),
            Map.entry("lower", "lower(string)"),
            Map.entry("upper", "upper(string)"),
            Map.entry("length", "length(string)"),
            Map.entry("year", "year(date)"),
            Map.entry("quarter", "quarter(date)"),
            Map.entry("month", "month(date)"),
            Map.entry("day", "day(date)"),
            Map.entry("days_between", "days_between(date, date)"));

    private Functions() {
    }

    static Sql compile(Expr.Call c, SqlCompiler compiler) {
        List<Sql> args = new ArrayList<>();
        for (Expr a : c.args()) {
            args.add(compiler.compile(a));
        }
        List<Object> params = new ArrayList<>();
        args.forEach(a -> params.addAll(a.params()));
        String f = c.function();
        switch (f) {
            case "abs", "floor", "ceil" -> {
                arity(c, 1, 1);
                SqlCompiler.require(args.get(0), ValueType.NUMBER, c.args().get(0), f);
                return new Sql(f + "(" + args.get(0).text() + ")", params, ValueType.NUMBER);
            }
            case "round" -> {
                arity(c, 1, 2);
                SqlCompiler.require(args.get(0), ValueType.NUMBER, c.args().get(0), f);
                if (args.size() == 1) {
                    return new Sql("round(" + args.get(0).text() + ")", params, ValueType.NUMBER);
                }
                SqlCompiler.require(args.get(1), ValueType.NUMBER, c.args().get(1), f);
                return new Sql("round(" + args.get(0).text() + ", (" + args.get(1).text() + ")::int)", params,
                        ValueType.NUMBER);
            }
            case "coalesce" -> {
                arity(c, 1, 32);
                ValueType t = sameType(c, args);
                return new Sql("coalesce(" + join(args) + ")", params, t);
            }
            case "nullif" -> {
                arity(c, 2, 2);
                ValueType t = sameType(c, args);
                return new Sql("nullif(" + join(args) + ")", params, t);
            }
            case "if" -> {
                arity(c, 3, 3);
                SqlCompiler.require(args.get(0), ValueType.BOOLEAN, c.args().get(0), f);
                ValueType t = sameType(c, args.subList(1, 3));
                return new Sql("(case when " + args.get(0).text() + " then " + args.get(1).text() + " else "
                        + args.get(2).text() + " end)", params, t);
            }
            case "lower", "upper", "length" -> {
                arity(c, 1, 1);
                SqlCompiler.require(args.get(0), ValueType.STRING, c.args().get(0), f);
                return new Sql(f + "(" + args.get(0).text() + ")", params,
                        "length".equals(f) ? ValueType.NUMBER : ValueType.STRING);
            }
            case "year", "quarter", "month", "day" -> {
                arity(c, 1, 1);
                temporal(args.get(0), c.args().get(0), f);
                return new Sql("extract(" + f + " from " + args.get(0).text() + ")::numeric", params, ValueType.NUMBER);
            }
            case "days_between" -> {
                arity(c, 2, 2);
                temporal(args.get(0), c.args().get(0), f);
                temporal(args.get(1), c.args().get(1), f);
                return new Sql("((" + args.get(1).text() + ")::date - (" + args.get(0).text() + ")::date)::numeric",
                        params, ValueType.NUMBER);
            }
            default -> throw new ExpressionException("unknown function '" + f + "'; known: "
                    + new TreeSet<>(DESCRIPTIONS.values()), c.position());
        }
    }

    private static void temporal(Sql sql, Expr where, String f) {
        if (!sql.type().isTemporal() && sql.type() != ValueType.NULL) {
            throw new ExpressionException("'" + f + "' needs a date or timestamp, not " + sql.type().article(),
                    where.position());
        }
    }

    private static ValueType sameType(Expr.Call c, List<Sql> args) {
        ValueType t = ValueType.NULL;
        for (int i = 0; i < args.size(); i++) {
            ValueType a = args.get(i).type();
            if (!t.accepts(a)) {
                throw new ExpressionException("'" + c.function() + "' mixes " + t.article() + " and " + a.article(),
                        c.args().get(i).position());
            }
            if (t == ValueType.NULL) {
                t = a;
            }
        }
        return t;
    }

    private static void arity(Expr.Call c, int min, int max) {
        int n = c.args().size();
        if (n < min || n > max) {
            throw new ExpressionException("'" + c.function() + "' takes " + (min == max ? String.valueOf(min)
                    : min + " to " + max) + " arguments: " + DESCRIPTIONS.get(c.function()), c.position());
        }
    }

    private static String join(List<Sql> args) {
        return String.join(", ", args.stream().map(Sql::text).toList());
    }
}
