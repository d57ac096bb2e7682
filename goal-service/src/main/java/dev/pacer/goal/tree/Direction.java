package dev.pacer.goal.tree;

/** Which way a goal's measure should move. */
public enum Direction {
    HIGHER_IS_BETTER, LOWER_IS_BETTER;

    /** True when {@code value} is strictly better than {@code reference} in this direction. */
    public boolean isBeyond(java.math.BigDecimal value, java.math.BigDecimal reference) {
        int c = value.compareTo(reference);
        return this == HIGHER_IS_BETTER ? c > 0 : c < 0;
    }
}
