package dev.pacer.metric.expression;

import dev.pacer.platform.expression.Expr;
import dev.pacer.platform.expression.ExpressionException;
import dev.pacer.platform.expression.Parser;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A derived metric's formula: the expression language over metric keys instead of fields, evaluated in Java on
 * already computed values. {@code previous(m)} reads m in the period before, {@code last_year(m)} in the same period
 * a year earlier. A missing input makes the result missing (no value), never zero.
 */
public final class Formula {
    /** Which period an input is read in. */
    public enum Offset { SAME, PREVIOUS, LAST_YEAR }

    /** Reads an input metric's (unrounded) value for the period being computed, shifted by an offset. */
    @FunctionalInterface
    public interface Inputs {
        BigDecimal value(String metricKey, Offset offset);
    }

    private static final MathContext PRECISION = new MathContext(34, RoundingMode.HALF_EVEN);

    private final Expr expr;
    private final Set<String> metrics;

    private Formula(Expr expr) {
        this.expr = expr;
        this.metrics = new LinkedHashSet<>();
        check(expr, false);
    }

    public static Formula parse(String text) {
        return new Formula(Parser.parse(text));
    }

    /** The metric keys the formula reads. */
    public Set<String> metrics() {
        return metrics;
    }

    /** The formula's value, or null when an input is missing or a division by zero occurs. */
    public BigDecimal evaluate(Inputs inputs) {
        Object v = eval(expr, inputs);
        return v instanceof BigDecimal n ? n : null;
    }

    private void check(Expr e, boolean insideOffset) {
        if (e instanceof Expr.Field f) {
            metrics.add(f.name());
        } else if (e instanceof Expr.Literal l) {
            if (l.value() != null && !(l.value() instanceof BigDecimal) && !(l.value() instanceof Boolean)) {
                throw new ExpressionException("formulas work on numbers; strings are not allowed", l.position());
            }
        } else if (e instanceof Expr.Unary u) {
            check(u.operand(), insideOffset);
        } else if (e instanceof Expr.Binary b) {
            check(b.left(), insideOffset);
            check(b.right(), insideOffset);
        } else if (e instanceof Expr.Call c) {
            switch (c.function()) {
                case "previous", "last_year" -> {
                    if (c.args().size() != 1 || !(c.args().get(0) instanceof Expr.Field)) {
                        throw new ExpressionException("'" + c.function() + "' takes one metric key", c.position());
                    }
                }
                case "abs", "round", "coalesce", "if", "min", "max" -> {
                }
                default -> throw new ExpressionException("unknown function '" + c.function() + "' in a formula; known: "
                        + "previous, last_year, abs, round, coalesce, if, min, max", c.position());
            }
            c.args().forEach(a -> check(a, insideOffset));
        } else {
            throw new ExpressionException("formulas combine metrics with arithmetic, comparisons and functions only",
                    e.position());
        }
    }

    private Object eval(Expr e, Inputs in) {
        if (e instanceof Expr.Literal l) {
            return l.value();
        }
        if (e instanceof Expr.Field f) {
            return in.value(f.name(), Offset.SAME);
        }
        if (e instanceof Expr.Unary u) {
            Object v = eval(u.operand(), in);
            if (v == null) {
                return null;
            }
            return "not".equals(u.op()) ? (Object) !((Boolean) v) : ((BigDecimal) v).negate();
        }
        if (e instanceof Expr.Binary b) {
            return binary(b, in);
        }
        Expr.Call c = (Expr.Call) e;
        List<Expr> args = c.args();
        switch (c.function()) {
            case "previous":
                return in.value(((Expr.Field) args.get(0)).name(), Offset.PREVIOUS);
            case "last_year":
                return in.value(((Expr.Field) args.get(0)).name(), Offset.LAST_YEAR);
            case "abs": {
                BigDecimal v = (BigDecimal) eval(args.get(0), in);
                return v == null ? null : v.abs();
            }
            case "round": {
                BigDecimal v = (BigDecimal) eval(args.get(0), in);
                int digits = args.size() > 1 ? ((BigDecimal) eval(args.get(1), in)).intValue() : 0;
                return v == null ? null : v.setScale(digits, RoundingMode.HALF_UP);
            }
            case "coalesce":
                for (Expr a : args) {
                    Object v = eval(a, in);
                    if (v != null) {
                        return v;
                    }
                }
                return null;
            case "if": {
                Object cond = eval(args.get(0), in);
                return Boolean.TRUE.equals(cond) ? eval(args.get(1), in) : eval(args.get(2), in);
            }
            case "min":
            case "max": {
                BigDecimal best = null;
                for (Expr a : args) {
                    BigDecimal v = (BigDecimal) eval(a, in);
                    if (v == null) {
                        return null;
                    }
                    best = best == null ? v : ("min".equals(c.function()) ? best.min(v) : best.max(v));
                }
                return best;
            }
            default:
                throw new IllegalStateException(c.function());
        }
    }

    private Object binary(Expr.Binary b, Inputs in) {
        Object l = eval(b.left(), in);
        if ("and".equals(b.op()) && Boolean.FALSE.equals(l)) {
            return false;
        }
        if ("or".equals(b.op()) && Boolean.TRUE.equals(l)) {
            return true;
        }
        Object r = eval(b.right(), in);
        if (l == null || r == null) {
            return null;
        }
        if (l instanceof Boolean lb && r instanceof Boolean rb) {
            return switch (b.op()) {
                case "and" -> lb && rb;
                case "or" -> lb || rb;
                case "=" -> lb.equals(rb);
                case "!=" -> !lb.equals(rb);
                default -> throw new ExpressionException("'" + b.op() + "' needs numbers", b.position());
            };
        }
        if (!(l instanceof BigDecimal x) || !(r instanceof BigDecimal y)) {
            throw new ExpressionException("'" + b.op() + "' mixes conditions and numbers", b.position());
        }
        return switch (b.op()) {
            case "+" -> x.add(y, PRECISION);
            case "-" -> x.subtract(y, PRECISION);
            case "*" -> x.multiply(y, PRECISION);
            case "/" -> y.signum() == 0 ? null : x.divide(y, PRECISION);
            case "%" -> y.signum() == 0 ? null : x.remainder(y, PRECISION);
            case "=" -> x.compareTo(y) == 0;
            case "!=" -> x.compareTo(y) != 0;
            case "<" -> x.compareTo(y) < 0;
            case "<=" -> x.compareTo(y) <= 0;
            case ">" -> x.compareTo(y) > 0;
            case ">=" -> x.compareTo(y) >= 0;
            default -> throw new ExpressionException("'" + b.op() + "' needs conditions", b.position());
        };
    }
}
