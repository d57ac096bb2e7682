package dev.pacer.platform.expression;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Parses Pacer's expression language: fields, numbers, 'strings', true/false/null, + - * / %, comparisons
 * (= != <> < <= > >=), and/or/not, in (…), is [not] null and function calls. Precedence from low to high: or, and,
 * not, comparison/in/is, + -, * / %, unary minus. Only the syntax: which fields and functions exist, and what an
 * expression means, is up to its user (metric-service compiles it to SQL, ingest-service evaluates it on source rows).
 * Length and nesting are bounded, so a hostile expression cannot exhaust the stack.
 */
public final class Parser {
    /** Longest expression accepted by default, in characters. */
    public static final int MAX_LENGTH = 4000;
    private static final int MAX_DEPTH = 64;
    private static final Set<String> KEYWORDS = Set.of("and", "or", "not", "in", "is", "null", "true", "false");

    /**
     * What a language allows beyond the common syntax.
     *
     * @param maxLength   the longest expression accepted, in characters
     * @param quotedNames field names may be written in double quotes, with {@code ""} for a quote inside, so any text
     *                    can name a field ({@code "Unit Price"}, {@code "订单 日期"}); without it a double quote is an error
     * @param paths       field names may be paths: names joined by dots, each optionally followed by array indexes
     *                    ({@code customer.id}, {@code lines[0].sku}); without it a dot after a name is an error
     */
    public record Syntax(int maxLength, boolean quotedNames, boolean paths) {
        /** Plain field names of letters, digits and {@code _}, up to {@link #MAX_LENGTH} characters. */
        public static final Syntax PLAIN = new Syntax(MAX_LENGTH, false, false);
    }

    private final String src;
    private final Syntax syntax;
    private int pos;
    private int depth;

    private Parser(String src, Syntax syntax) {
        this.src = src;
        this.syntax = syntax;
    }

    /** Parses {@code text} with {@link Syntax#PLAIN} field names. */
    public static Expr parse(String text) {
        return parse(text, Syntax.PLAIN);
    }

    /**
     * @throws ExpressionException saying what is wrong and where
     */
    public static Expr parse(String text, Syntax syntax) {
        if (text == null || text.isBlank()) {
            throw new ExpressionException("expression is empty", 0);
        }
        if (text.length() > syntax.maxLength()) {
            throw new ExpressionException("expression is longer than " + syntax.maxLength() + " characters",
                    syntax.maxLength());
        }
        Parser p = new Parser(text, syntax);
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
        if (c == '"' && syntax.quotedNames()) {
            return new Expr.Field(quotedName(), at);
        }
        if (Character.isDigit(c) || (c == '.' && pos + 1 < src.length() && Character.isDigit(src.charAt(pos + 1)))) {
            return Expr.Literal.number(number(), at);
        }
        if (isNameStart(c)) {
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
            return new Expr.Field(syntax.paths() ? word + pathSteps() : word, at);
        }
        throw new ExpressionException("unexpected '" + c + "'", at);
    }

    /** The rest of a path after its first name: {@code .name} and {@code [index]} steps, written without spaces. */
    private String pathSteps() {
        int start = pos;
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (c == '.' && pos + 1 < src.length() && isNameStart(src.charAt(pos + 1))) {
                pos++;
                identifier();
            } else if (c == '[') {
                int close = pos + 1;
                while (close < src.length() && Character.isDigit(src.charAt(close))) {
                    close++;
                }
                if (close == pos + 1 || close >= src.length() || src.charAt(close) != ']') {
                    throw new ExpressionException("a path index is a whole number in brackets, e.g. lines[0]", pos);
                }
                pos = close + 1;
            } else {
                break;
            }
        }
        return src.substring(start, pos);
    }

    private String quotedName() {
        int start = pos;
        pos++;
        StringBuilder sb = new StringBuilder();
        while (pos < src.length()) {
            char c = src.charAt(pos++);
            if (c == '"') {
                if (pos < src.length() && src.charAt(pos) == '"') {
                    sb.append('"');
                    pos++;
                } else if (sb.isEmpty()) {
                    throw new ExpressionException("a quoted name is empty", start);
                } else {
                    return sb.toString();
                }
            } else {
                sb.append(c);
            }
        }
        throw new ExpressionException("quoted name is not closed", start);
    }

    private static boolean isNameStart(char c) {
        return Character.isLetter(c) || c == '_';
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
