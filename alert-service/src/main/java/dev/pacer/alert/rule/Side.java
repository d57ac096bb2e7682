package dev.pacer.alert.rule;

/** Which deviations count: upwards only, downwards only, or both. */
public enum Side {
    UP, DOWN, EITHER;

    /** Whether a signed deviation {@code delta} beyond {@code limit} (≥ 0) counts on this side. */
    boolean beyond(double delta, double limit) {
        return switch (this) {
            case UP -> delta > limit;
            case DOWN -> -delta > limit;
            case EITHER -> Math.abs(delta) > limit;
        };
    }
}
