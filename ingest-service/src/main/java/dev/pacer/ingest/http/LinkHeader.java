package dev.pacer.ingest.http;

import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * Reads the {@code Link} header of RFC 8288 ({@code <https://api.example.com/items?page=2>; rel="next", <…>;
 * rel="last"}) for the target of a relation; a relative target is resolved against the URI of the request.
 */
public final class LinkHeader {
    private LinkHeader() {
    }

    /**
     * The target of the first link with relation {@code next} among the values of the response's Link headers.
     *
     * @param request the URI the response answered, which relative targets are resolved against
     * @return the absolute URI, or null when no link has that relation (or its target is not a valid URI)
     */
    public static URI next(List<String> values, URI request) {
        return find(values, "next", request);
    }

    /** The target of the first link with the relation {@code rel} (compared ignoring case), or null. */
    public static URI find(List<String> values, String rel, URI request) {
        for (String value : values) {
            String target = target(value, rel.toLowerCase(Locale.ROOT));
            if (target != null) {
                try {
                    return resolve(request, target.trim());
                } catch (java.net.URISyntaxException | IllegalArgumentException e) {
                    return null;
                }
            }
        }
        return null;
    }

    /**
     * A reference resolved as RFC 3986 (5.2) says; {@link URI#resolve} follows RFC 2396, which drops the last path
     * segment of the base for a query-only reference such as {@code ?page=2}.
     */
    static URI resolve(URI base, String reference) throws java.net.URISyntaxException {
        if (reference.startsWith("?")) {
            String raw = base.toString();
            int cut = raw.length();
            for (char c : new char[] {'?', '#'}) {
                int at = raw.indexOf(c);
                if (at >= 0 && at < cut) {
                    cut = at;
                }
            }
            return new URI(raw.substring(0, cut) + reference);
        }
        return base.resolve(new URI(reference));
    }

    /** The raw target of the first link-value of one header with the relation, or null. */
    private static String target(String header, String rel) {
        int i = 0;
        int n = header.length();
        while (i < n) {
            int open = header.indexOf('<', i);
            if (open < 0) {
                return null;
            }
            int close = header.indexOf('>', open + 1);
            if (close < 0) {
                return null;
            }
            String target = header.substring(open + 1, close);
            // the parameters run to the next comma outside a quoted string
            int end = close + 1;
            boolean quoted = false;
            while (end < n) {
                char c = header.charAt(end);
                if (c == '\\' && quoted) {
                    end += 2;
                    continue;
                }
                if (c == '"') {
                    quoted = !quoted;
                } else if (c == ',' && !quoted) {
                    break;
                }
                end++;
            }
            if (hasRelation(header.substring(close + 1, Math.min(end, n)), rel)) {
                return target;
            }
            i = end + 1;
        }
        return null;
    }

    /** Whether the parameters ({@code ; rel="next last"; title=…}) include the relation. */
    private static boolean hasRelation(String params, String rel) {
        for (String param : splitParams(params)) {
            int eq = param.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String name = param.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            if (!name.equals("rel")) {
                continue;
            }
            String value = param.substring(eq + 1).trim();
            if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                value = value.substring(1, value.length() - 1);
            }
            for (String r : value.trim().split("\\s+")) {
                if (r.toLowerCase(Locale.ROOT).equals(rel)) {
                    return true;
                }
            }
            return false; // only the first rel parameter counts (RFC 8288, 3.3)
        }
        return false;
    }

    private static List<String> splitParams(String params) {
        List<String> out = new java.util.ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < params.length(); i++) {
            char c = params.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ';' && !quoted) {
                out.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        out.add(current.toString());
        return out;
    }
}
