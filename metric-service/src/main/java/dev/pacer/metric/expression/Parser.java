package dev.pacer.metric.expression;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Parses the metric expression language: fields, numbers, 'strings', true/false/null, + - * / %, comparisons
 * (= != <> < <= > >=), and/or/not, in (…), is [not] null and function calls. Precedence from low to high: or, and,
 * not, comparison/in/is, + -, * / %, unary minus. Nothing here touches SQL; see {@link SqlCompiler}.
 */
public final class Parser {
    /** Longest expression accepted, in characters. */
    public static final int MAX_LENGTH = 4000;
    private static final int MAX_DEPTH = 64;
    private static final Set<String> KEYWORDS = Set.of("and", "or", "not", "in", "is", "null", "true", "false");

    private final String src;
    private int pos;
    private int depth;

    private Parser(String src) {
        this.src = src;
    }

    public static Expr parse(String text) {
        if (text == null || text.isBlank()) {
            throw new ExpressionException("expression is empty", 0);
        }
        if (text.length() > MAX_LENGTH) {
            throw new ExpressionException("expression is longer than " + MAX_LENGTH + " characters", MAX_LENGTH);
        }
        Parser p = new Parser(text);
        Expr e = p.or();
        p.skipSpace();
        if (p.pos < p.src.length()) {
            throw new ExpressionException("unexpected '" + p.rest() + "'", p.pos);
        }
        return e;
    }

    private Expr or() {
        Expr left = and();
        while (keyword("or")) {
            int at = pos - 2;
            left = new Expr.Binary("or", left, and(), at);
        }
        return left;
    }

    private Expr and() {
        Expr left = not();
        while (keyword("and")) {
            int at = pos - 3;
            left = new Expr.Binary("and", left, not(), at);
        }
        return left;
    }

    private Expr not() {
        skipSpace();
        int at = pos;
        if (keyword("not")) {
            enter(at);
            Expr operand = not();
            depth--;
            return new Expr.Unary("not", operand, at);
        }
        return comparison();
    }

    private Expr comparison() {
        Expr left = additive();
        skipSpace();
        int at = pos;
        for (String op : List.of("<=", ">=", "!=", "<>", "=", "<", ">")) {
            if (src.startsWith(op, pos)) {
                pos += op.length();
                return new Expr.Binary("<>".equals(op) ? "!=" : op, left, additive(), at);
            }
        }
        if (keyword("is")) {
            boolean negated = keyword("not");
            expectKeyword("null");
            return new Expr.IsNull(left, negated, at);
        }
        int save = pos;
        boolean negated = keyword("not");
        if (keyword("in")) {
            expect('(');
            List<Expr> options = new ArrayList<>();
            do {
                options.add(additive());
            } while (accept(','));
            expect(')');
            return new Expr.In(left, options, negated, at);
        }
        pos = save;
        return left;
    }

    private Expr additive() {
        Expr left = multiplicative();
        while (true) {
            skipSpace();
            int at = pos;
            if (accept('+')) {
                left = new Expr.Binary("+", left, multiplicative(), at);
            } else if (accept('-')) {
                left = new Expr.Binary("-", left, multiplicative(), at);
            } else {
                return left;
            }
        }
    }

    private Expr multiplicative() {
        Expr left = unary();
        while (true) {
            skipSpace();
            int at = pos;
            if (accept('*')) {
                left = new Expr.Binary("*", left, unary(), at);
            } else if (accept('/')) {
                left = new Expr.Binary("/", left, unary(), at);
            } else if (accept('%')) {
                left = new Expr.Binary("%", left, unary(), at);
            } else {
                return left;
            }
        }
    }

    private Expr unary() {
        skipSpace();
        int at = pos;
        if (accept('-')) {
            enter(at);
            Expr operand = unary();
            depth--;
            return new Expr.Unary("-", operand, at);
        }
        return primary();
    }

    private Expr primary() {
        skipSpace();
        int at = pos;
        if (pos >= src.length()) {
            throw new ExpressionException("expression ends too early", pos);
        }
        char c = src.charAt(pos);
        if (c == '(') {
            pos++;
            enter(at);
            Expr inner = or();
            depth--;
            expect(')');
            return inner;
        }
        if (c == '\'') {
            return new Expr.Literal(string(), at);
        }
        if (Character.isDigit(c) || (c == '.' && pos + 1 < src.length() && Character.isDigit(src.charAt(pos + 1)))) {
            return Expr.Literal.number(number(), at);
        }
        if (Character.isLetter(c) || c == '_') {
            String word = identifier();
            String lower = word.toLowerCase(Locale.ROOT);
            switch (lower) {
                case "true":
                    return new Expr.Literal(Boolean.TRUE, at);
                case "false":
                    return new Expr.Literal(Boolean.FALSE, at);
                case "null":
                    return new Expr.Literal(null, at);
                default:
                    break;
            }
            if (KEYWORDS.contains(lower)) {
                throw new ExpressionException("unexpected keyword '" + word + "'", at);
            }
            skipSpace();
            if (accept('(')) {
                enter(at);
                List<Expr> args = new ArrayList<>();
                skipSpace();
                if (!accept(')')) {
                    do {
                        args.add(or());
                    } while (accept(','));
                    expect(')');
                }
                depth--;
                return new Expr.Call(lower, args, at);
            }
            return new Expr.Field(word, at);
        }
        throw new ExpressionException("unexpected '" + c + "'", at);
    }

    private String string() {
        int start = pos;
        pos++;
        StringBuilder sb = new StringBuilder();
        while (pos < src.length()) {
            char c = src.charAt(pos++);
            if (c == '\'') {
                if (pos < src.length() && src.charAt(pos) == '\'') {
                    sb.append('\'');
                    pos++;
                } else {
                    return sb.toString();
                }
            } else {
                sb.append(c);
            }
        }
        throw new ExpressionException("string is not closed", start);
    }

    private BigDecimal number() {
        int start = pos;
        while (pos < src.length() && (Character.isDigit(src.charAt(pos)) || src.charAt(pos) == '.')) {
            pos++;
        }
        if (pos < src.length() && (src.charAt(pos) == 'e' || src.charAt(pos) == 'E')) {
            pos++;
            if (pos < src.length() && (src.charAt(pos) == '+' || src.charAt(pos) == '-')) {
                pos++;
            }
            while (pos < src.length() && Character.isDigit(src.charAt(pos))) {
                pos++;
            }
        }
        String text = src.substring(start, pos);
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new ExpressionException("'" + text + "' is not a number", start);
        }
    }

    private String identifier() {
        int start = pos;
        while (pos < src.length() && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '_')) {
            pos++;
        }
        return src.substring(start, pos);
    }

    private boolean keyword(String word) {
        skipSpace();
        int end = pos + word.length();
        if (src.regionMatches(true, pos, word, 0, word.length())
                && (end >= src.length() || !(Character.isLetterOrDigit(src.charAt(end)) || src.charAt(end) == '_'))) {
            pos = end;
            return true;
        }
        return false;
    }

    private void expectKeyword(String word) {
        if (!keyword(word)) {
            throw new ExpressionException("expected '" + word + "'", pos);
        }
    }

    private boolean accept(char c) {
        skipSpace();
        if (pos < src.length() && src.charAt(pos) == c) {
            pos++;
            return true;
        }
        return false;
    }

    private void expect(char c) {
        if (!accept(c)) {
            throw new ExpressionException(pos >= src.length() ? "expected '" + c + "' but the expression ended"
                    : "expected '" + c + "' but found '" + rest() + "'", pos);
        }
    }

    private void enter(int at) {
        if (++depth > MAX_DEPTH) {
            throw new ExpressionException("expression is nested too deeply", at);
        }
    }

    private void skipSpace() {
        while (pos < src.length() && Character.isWhitespace(src.charAt(pos))) {
            pos++;
        }
    }

    private String rest() {
        String r = src.substring(pos);
        return r.length() > 20 ? r.substring(0, 20) + "…" : r;
    }
}
