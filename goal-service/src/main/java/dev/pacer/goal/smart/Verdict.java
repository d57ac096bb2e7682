package dev.pacer.goal.smart;

/** The verdict on one SMART letter: PASS, WARN (allowed, but worth a second look) or FAIL (blocks activation). */
public enum Verdict {
    PASS, WARN, FAIL
}
