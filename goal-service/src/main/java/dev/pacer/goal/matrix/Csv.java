package dev.pacer.goal.matrix;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * The CSV exports of goal-service (matrix, scorecards, reviews): RFC 4180 with CRLF line ends, a UTF-8 byte order
 * mark so that spreadsheet programs show Chinese titles as they are, and cells that cannot run as formulas.
 */
public final class Csv {
    /** The CSV media type. */
    public static final String MEDIA_TYPE = "text/csv";
    /** The byte order mark every export starts with. */
    public static final String BOM = "\uFEFF";

    private Csv() {
    }

    /**
     * One CSV line of the cells, CRLF-terminated: null as empty, numbers as plain digits (a negative number is no
     * formula, so it is left as it is), anything else as a guarded {@link #cell}.
     */
    public static String line(List<?> cells) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            Object c = cells.get(i);
            if (c instanceof java.math.BigDecimal d) {
                out.append(d.toPlainString());
            } else if (c instanceof Integer || c instanceof Long) {
                out.append(c);
            } else {
                out.append(cell(c == null ? "" : c.toString()));
            }
        }
        return out.append("\r\n").toString();
    }

    /** A CSV cell, quoted when it holds a comma, quote or line break; a leading =, +, - or @ is neutralised. */
    public static String cell(String value) {
        String v = value;
        if (!v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v; // keeps spreadsheets from running a title as a formula
        }
        if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
            return "\"" + v.replace("\"", "\"\"") + "\"";
        }
        return v;
    }

    /**
     * Which of the offered media types the caller prefers: the first of the caller's acceptable types (in the
     * caller's order) that is compatible with one of them; a full wildcard or nothing chooses the first offered, the default.
     */
    public static MediaType negotiate(HttpHeaders headers, MediaType... offered) {
        for (MediaType accepted : headers.getAcceptableMediaTypes()) {
            if (accepted.isWildcardType()) {
                continue;
            }
            for (MediaType o : offered) {
                if (accepted.isCompatible(o)) {
                    return o;
                }
            }
        }
        return offered[0];
    }
}
