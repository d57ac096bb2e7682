package dev.pacer.goal.progress;

import java.util.Map;
import java.util.TreeMap;

/**
 * A dimension slice of a metric in canonical text form: its members sorted by name, as a JSON object
 * ({@code {}} for the total). Two slices are the same slice exactly when their keys are equal, so a goal filtered by
 * {@code region = 华东} is measured by the values of exactly that slice — not by finer slices inside it (adding
 * those up would count the region twice).
 */
public final class DimensionSlice {
    private DimensionSlice() {
    }

    /**
     * The canonical key of a slice; null or empty is the total. A member without a value (the facts that have none for
     * that dimension) is JSON {@code null}, a slice of its own — not the text "null".
     */
    public static String key(Map<String, String> dimensions) {
        StringBuilder out = new StringBuilder("{");
        if (dimensions != null) {
            boolean first = true;
            for (var e : new TreeMap<>(dimensions).entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                quote(out, e.getKey());
                out.append(':');
                quote(out, e.getValue());
            }
        }
        return out.append('}').toString();
    }

    private static void quote(StringBuilder out, String s) {
        if (s == null) {
            // a fact without a value for the dimension: its own slice, as metric-service groups it (JSON null)
            out.append("null");
            return;
        }
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
