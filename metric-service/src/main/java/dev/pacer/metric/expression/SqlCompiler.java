package dev.pacer.metric.expression;

import dev.pacer.platform.expression.Expr;
import dev.pacer.platform.expression.ExpressionException;
import dev.pacer.platform.expression.Parser;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Type-checks an expression against a dataset's fields and compiles it to parameterised PostgreSQL. Literals and
 * field names become bind parameters; only fixed operators, function names and casts from this class are written
 * into the SQL text, so nothing a user types can change the statement's structure.
 */
public final class SqlCompiler {
    private static final Map<String, String> COMPARISONS = Map.of("=", "=", "!=", "<>", "<", "<", "<=", "<=", ">", ">",
            ">=", ">=");

    private final FieldAccess fields;

    public SqlCompiler(FieldAccess fields) {
        this.fields = fields;
    }

    /** Compiles {@code text}; a value expression of any type. */
    public Sql compile(String text) {
        return compile(Parser.parse(text));
    }

    /** Compiles {@code text}, which must be a condition (a filter). */
    public Sql compileCondition(String text) {
        Sql sql = compile(text);
        if (sql.type() != ValueType.BOOLEAN) {
            throw new ExpressionException("a filter must be a condition, but this is " + sql.type().article(), 0);
        }
        return sql;
    }

    /** Compiles {@code text}, which must be a number (an aggregated measure). */
    public Sql compileNumber(String text) {
        Sql sql = compile(text);
        if (sql.type() != ValueType.NUMBER && sql.type() != ValueType.NULL) {
            throw new ExpressionException("a measure must be a number, but this is " + sql.type().article(), 0);
        }
        return sql;
    }

    public Sql compile(Expr e) {
        if (e instanceof Expr.Literal l) {
            return literal(l);
        }
        if (e instanceof Expr.Field f) {
            ValueType type = fields.typeOf(f.name()).orElseThrow(
                    () -> new ExpressionException("unknown field '" + f.name() + "'", f.position()));
            return fields.read(f.name(), type);
        }
        if (e instanceof Expr.Unary u) {
            Sql operand = compile(u.operand());
            if ("not".equals(u.op())) {
                require(operand, ValueType.BOOLEAN, u.operand(), "not");
                return new Sql("(not " + operand.text() + ")", operand.params(), ValueType.BOOLEAN);
            }
            require(operand, ValueType.NUMBER, u.operand(), "-");
            return new Sql("(-" + operand.text() + ")", operand.params(), ValueType.NUMBER);
        }
        if (e instanceof Expr.Binary b) {
            return binary(b);
        }
        if (e instanceof Expr.IsNull n) {
            Sql v = compile(n.value());
            return new Sql("(" + v.text() + (n.negated() ? " is not null)" : " is null)"), v.params(), ValueType.BOOLEAN);
        }
        if (e instanceof Expr.In in) {
            Sql v = compile(in.value());
            List<Object> params = new ArrayList<>(v.params());
            List<String> options = new ArrayList<>();
            for (Expr o : in.options()) {
                Sql os = compile(o);
                if (!v.type().accepts(os.type())) {
                    throw new ExpressionException("'in' compares " + v.type().article() + " with " + os.type().article(),
                            o.position());
                }
                options.add(os.text());
                params.addAll(os.params());
            }
            return new Sql("(" + v.text() + (in.negated() ? " not in (" : " in (") + String.join(", ", options) + "))",
                    params, ValueType.BOOLEAN);
        }
        if (e instanceof Expr.Call c) {
            return Functions.compile(c, this);
        }
        throw new IllegalStateException("unknown node " + e);
    }

    private Sql literal(Expr.Literal l) {
        Object v = l.value();
        if (v == null) {
            return new Sql("null", List.of(), ValueType.NULL);
        }
        if (v instanceof BigDecimal n) {
            return new Sql("?::numeric", List.of(n), ValueType.NUMBER);
        }
        if (v instanceof Boolean bool) {
            return new Sql(bool ? "true" : "false", List.of(), ValueType.BOOLEAN);
        }
        return new Sql("?::text", List.of(v.toString()), ValueType.STRING);
    }

    private Sql binary(Expr.Binary b) {
        Sql l = compile(b.left());
        Sql r = compile(b.right());
        List<Object> params = new ArrayList<>(l.params());
        params.addAll(r.params());
        String op = b.op();
        switch (op) {
            case "and", "or" -> {
                require(l, ValueType.BOOLEAN, b.left(), op);
                require(r, ValueType.BOOLEAN, b.right(), op);
                return new Sql("(" + l.text() + " " + op + " " + r.text() + ")", params, ValueType.BOOLEAN);
            }
            case "+", "-", "*", "%" -> {
                require(l, ValueType.NUMBER, b.left(), op);
                require(r, ValueType.NUMBER, b.right(), op);
                return new Sql("(" + l.text() + " " + op + " " + r.text() + ")", params, ValueType.NUMBER);
            }
            case "/" -> {
                require(l, ValueType.NUMBER, b.left(), op);
                require(r, ValueType.NUMBER, b.right(), op);
                // Division by zero gives null (no value), not an error that would stop a recomputation.
                return new Sql("(" + l.text() + " / nullif(" + r.text() + ", 0))", params, ValueType.NUMBER);
            }
            default -> {
                String sqlOp = COMPARISONS.get(op);
                if (sqlOp == null) {
                    throw new ExpressionException("unknown operator '" + op + "'", b.position());
                }
                if (!l.type().accepts(r.type())) {
                    throw new ExpressionException("'" + op + "' compares " + l.type().article() + " with "
                            + r.type().article(), b.position());
                }
                if ((l.type() == ValueType.BOOLEAN || r.type() == ValueType.BOOLEAN) && !"=".equals(op)
                        && !"!=".equals(op)) {
                    throw new ExpressionException("conditions can only be compared with = or !=", b.position());
                }
                return new Sql("(" + l.text() + " " + sqlOp + " " + r.text() + ")", params, ValueType.BOOLEAN);
            }
        }
    }

    static void require(Sql sql, ValueType expected, Expr where, String op) {
        if (sql.type() != expected && sql.type() != ValueType.NULL) {
            throw new ExpressionException("'" + op + "' needs " + expected.article() + ", not " + sql.type().article(),
                    where.position());
        }
    }
}
