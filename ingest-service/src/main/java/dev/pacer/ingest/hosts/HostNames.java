package dev.pacer.ingest.hosts;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The one canonical form of a host as a URL names it, so that it can be compared with the entries of a
 * {@link HostAllowList}: lower case, without a trailing dot, an IPv6 literal without its brackets. Only plain ASCII
 * DNS names and strict IP literals have such a form; anything else (non-ASCII or punycode-less IDN spellings,
 * percent-encoding, zone ids, the numeric shortcuts {@code 2130706433}, {@code 0x7f.1} or {@code 127.1} that some
 * resolvers read as addresses) has none and is refused.
 */
public final class HostNames {
    private static final Pattern LABEL = Pattern.compile("[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?");
    private static final Pattern IPV4 = Pattern.compile(
            "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-f:.]{2,45}");
    private static final Pattern NUMERIC_LABEL = Pattern.compile("[0-9]+|0x[0-9a-f]*");
    private static final int MAX_NAME_LENGTH = 253;

    private HostNames() {
    }

    /**
     * The canonical form of a host name or IP literal, or null when it is neither.
     *
     * @param host a host as found in a URL ({@code ERP.Example.com.}, {@code 10.0.0.5}, {@code [fd00::1]})
     */
    public static String canonical(String host) {
        if (host == null) {
            return null;
        }
        String h = host.trim().toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            String inner = h.substring(1, h.length() - 1);
            return inner.indexOf(':') >= 0 && address(inner) != null ? inner : null;
        }
        if (h.indexOf(':') >= 0) {
            return address(h) != null ? h : null;
        }
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        if (h.isEmpty() || h.length() > MAX_NAME_LENGTH) {
            return null;
        }
        if (IPV4.matcher(h).matches()) {
            return h;
        }
        String[] labels = h.split("\\.", -1);
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                return null;
            }
        }
        // a name whose last label is a number is no DNS name but an address in a form some resolvers accept
        return NUMERIC_LABEL.matcher(labels[labels.length - 1]).matches() ? null : h;
    }

    /** Whether a canonical host is an IP literal rather than a name. */
    public static boolean isAddress(String canonical) {
        return canonical.indexOf(':') >= 0 || IPV4.matcher(canonical).matches();
    }

    /**
     * The address of an IP literal (IPv4 dotted quad or IPv6 without brackets), never looked up in DNS; null when the
     * text is not one. An IPv4-mapped IPv6 literal gives the IPv4 address.
     */
    public static InetAddress address(String literal) {
        String s = literal.toLowerCase(Locale.ROOT);
        boolean v6 = s.indexOf(':') >= 0;
        if (v6 ? !IPV6.matcher(s).matches() : !IPV4.matcher(s).matches()) {
            return null;
        }
        try {
            return InetAddress.getByName(s); // a literal of the checked form: parsed, not resolved
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
