package dev.pacer.platform.expression;

import java.math.BigDecimal;
import java.util.List;

/** The syntax tree of the expression language. Every node knows where it starts in the source text (0-based). */
public sealed interface Expr {
    int position();

    /** A number ({@link BigDecimal}), string, boolean or null literal. */
    record Literal(Object value, int position) implements Expr {
        public static Literal number(BigDecimal v, int pos) {
            return new Literal(v, pos);
        }
    }

    /** A reference to a field: a dataset field in a metric, a source column or JSON path in a mapping. */
    record Field(String name, int position) implements Expr {
    }

    /** {@code -x} or {@code not x}. */
    record Unary(String op, Expr operand, int position) implements Expr {
    }

    /** Arithmetic, comparison and logical operators. */
    record Binary(String op, Expr left, Expr right, int position) implements Expr {
    }

    /** {@code x in (a, b, …)} or {@code x not in (…)}. */
    record In(Expr value, List<Expr> options, boolean negated, int position) implements Expr {
    }

    /** {@code x is null} or {@code x is not null}. */
    record IsNull(Expr value, boolean negated, int position) implements Expr {
    }

    /** A call of one of the built-in functions. */
    record Call(String function, List<Expr> args, int position) implements Expr {
    }
}
