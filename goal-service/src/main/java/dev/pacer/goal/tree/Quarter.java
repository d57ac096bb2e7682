package dev.pacer.goal.tree;

/** A quarter of the fiscal year; Q1 starts in the fiscal year's first month. */
public enum Quarter {
    Q1, Q2, Q3, Q4;

    /** 1 for Q1 … 4 for Q4. */
    public int number() {
        return ordinal() + 1;
    }

    public static Quarter of(int number) {
        if (number < 1 || number > 4) {
            throw new IllegalArgumentException("A fiscal quarter is 1–4, not " + number);
        }
        return values()[number - 1];
    }
}
