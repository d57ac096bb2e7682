package dev.pacer.alert.silence;

import java.util.Arrays;
import java.util.Optional;

/** How a matcher compares a label's value, as in Alertmanager. */
public enum MatchOperator {
    /** The value equals the matcher's value (a missing label has the empty value). */
    EQUAL("="),
    /** The value differs from the matcher's value. */
    NOT_EQUAL("!="),
    /** The whole value matches the regular expression (anchored at both ends). */
    REGEX("=~"),
    /** The whole value does not match the regular expression. */
    NOT_REGEX("!~");

    /** The symbols, for validation messages and the API's pattern. */
    public static final String SYMBOLS = "=, !=, =~, !~";
    public static final String SYMBOL_PATTERN = "^(=|!=|=~|!~)$";

    private final String symbol;

    MatchOperator(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    public boolean isRegex() {
        return this == REGEX || this == NOT_REGEX;
    }

    public static Optional<MatchOperator> bySymbol(String symbol) {
        return Arrays.stream(values()).filter(o -> o.symbol.equals(symbol)).findFirst();
    }
}
