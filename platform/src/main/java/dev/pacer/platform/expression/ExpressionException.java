package dev.pacer.platform.expression;

/** An expression that cannot be parsed or type-checked; the message says what and where (1-based column). */
public class ExpressionException extends RuntimeException {
    private final int position;

    public ExpressionException(String message, int position) {
        super(message + " (at column " + (position + 1) + ")");
        this.position = position;
    }

    public int position() {
        return position;
    }
}
