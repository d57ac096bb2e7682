package dev.pacer.goal.smart;

/** The letters of the SMART check, with the field name a failing letter has in a problem's {@code errors}. */
public enum Letter {
    SPECIFIC("specific"), MEASURABLE("measurable"), ACHIEVABLE("achievable"), RELEVANT("relevant"),
    TIME_BOUND("timeBound");

    private final String field;

    Letter(String field) {
        this.field = field;
    }

    public String field() {
        return field;
    }
}
