package dev.pacer.metric.fact;

/**
 * Whether JSON text (already known to be well-formed JSON) is what PostgreSQL stores as {@code jsonb}: well-formed
 * UTF-8 (Unicode's table of well-formed byte sequences: no overlong forms, no surrogates, nothing above U+10FFFF — what
 * PostgreSQL's {@code pg_utf8_islegal} checks) without a NUL byte, and no escape PostgreSQL refuses in a string:
 * {@code \u0000} (no PostgreSQL text can hold it) or a surrogate escape that is not a high one followed by a low one.
 * The fact store sends a record's fields to PostgreSQL as the bytes they arrived in, so a record that would fail
 * there is recognised here, alone, instead of failing its whole batch.
 */
final class JsonbText {
    private JsonbText() {
    }

    static boolean storable(byte[] b, int from, int to) {
        int i = from;
        while (i < to) {
            int c = b[i];
            if (c > 0) {
                if (c == '\\') {
                    i = escape(b, i, to);
                    if (i < 0) {
                        return false;
                    }
                } else {
                    i++;
                }
                continue;
            }
            if (c == 0) {
                return false;
            }
            c &= 0xFF;
            if (c >= 0xC2 && c <= 0xDF) {
                if (i + 1 >= to || !continuation(b[i + 1])) {
                    return false;
                }
                i += 2;
            } else if (c >= 0xE0 && c <= 0xEF) {
                if (i + 2 >= to) {
                    return false;
                }
                int c1 = b[i + 1] & 0xFF;
                int low = c == 0xE0 ? 0xA0 : 0x80;
                int high = c == 0xED ? 0x9F : 0xBF;
                if (c1 < low || c1 > high || !continuation(b[i + 2])) {
                    return false;
                }
                i += 3;
            } else if (c >= 0xF0 && c <= 0xF4) {
                if (i + 3 >= to) {
                    return false;
                }
                int c1 = b[i + 1] & 0xFF;
                int low = c == 0xF0 ? 0x90 : 0x80;
                int high = c == 0xF4 ? 0x8F : 0xBF;
                if (c1 < low || c1 > high || !continuation(b[i + 2]) || !continuation(b[i + 3])) {
                    return false;
                }
                i += 4;
            } else {
                return false; // a continuation byte without a lead, C0, C1 or F5–FF
            }
        }
        return true;
    }

    /** The index after the escape at {@code i} (a backslash), or −1 when PostgreSQL refuses it. */
    private static int escape(byte[] b, int i, int to) {
        if (i + 1 >= to) {
            return -1;
        }
        if (b[i + 1] != 'u') {
            return i + 2; // \" \\ \/ \b \f \n \r \t
        }
        int unit = hex4(b, i + 2, to);
        if (unit <= 0 || unit >= 0xDC00 && unit <= 0xDFFF) {
            return -1; // \u0000, not four hex digits, or a low surrogate without its high one
        }
        if (unit < 0xD800 || unit > 0xDBFF) {
            return i + 6;
        }
        if (i + 7 >= to || b[i + 6] != '\\' || b[i + 7] != 'u') {
            return -1; // a high surrogate without its low one
        }
        int next = hex4(b, i + 8, to);
        return next >= 0xDC00 && next <= 0xDFFF ? i + 12 : -1;
    }

    private static int hex4(byte[] b, int at, int to) {
        if (at + 4 > to) {
            return -1;
        }
        int v = 0;
        for (int k = at; k < at + 4; k++) {
            int d = Character.digit(b[k], 16);
            if (d < 0) {
                return -1;
            }
            v = v * 16 + d;
        }
        return v;
    }

    private static boolean continuation(byte b) {
        return (b & 0xC0) == 0x80;
    }
}
