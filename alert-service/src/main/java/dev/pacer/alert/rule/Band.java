package dev.pacer.alert.rule;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A baseline band: values in {@code [lower, upper]} are normal.
 *
 * @param method  how it was computed, e.g. {@code median±3·MAD trailing 12} or {@code mean±2σ seasonal 3}
 * @param samples how many historical values it was computed from
 */
public record Band(BigDecimal lower, BigDecimal centre, BigDecimal upper, String method, int samples) {

    public Band {
        Objects.requireNonNull(lower, "lower");
        Objects.requireNonNull(centre, "centre");
        Objects.requireNonNull(upper, "upper");
        Objects.requireNonNull(method, "method");
        if (lower.compareTo(upper) > 0) {
            throw new IllegalArgumentException("lower " + lower + " > upper " + upper);
        }
    }

    public boolean contains(BigDecimal v) {
        return v.compareTo(lower) >= 0 && v.compareTo(upper) <= 0;
    }

    Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("lower", lower);
        m.put("centre", centre);
        m.put("upper", upper);
        m.put("method", method);
        m.put("samples", samples);
        return m;
    }
}
