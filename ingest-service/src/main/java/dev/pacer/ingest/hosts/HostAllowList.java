package dev.pacer.ingest.hosts;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The hosts pull sources may connect to ({@code PACER_INGEST_SOURCE_HOSTS}): a comma-separated list of host names
 * ({@code erp.example.com}), wildcards ({@code *.example.com}: any name below example.com, not example.com itself), IP
 * addresses and CIDR ranges ({@code 10.20.0.0/16}, {@code fd00::/8}). An empty list allows every host.
 *
 * <p>A host is allowed when its name matches a name or wildcard entry (the name is trusted, whatever it resolves to:
 * that is the operator's DNS), or when it is an IP literal in an address entry, or when it is a name every address of
 * which lies in address entries. The last is decided on the addresses the name resolves to at the moment of the check,
 * so a name that later resolves elsewhere is refused then. Hosts without a canonical form ({@link HostNames}) are
 * refused whenever the list is not empty.
 */
public final class HostAllowList {
    /** Looks up the addresses of a host name (DNS; a test may answer itself). */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String name) throws UnknownHostException;
    }

    /** The system's resolver. */
    public static final Resolver DNS = InetAddress::getAllByName;

    private static final HostAllowList ANY = new HostAllowList(Set.of(), List.of(), List.of());

    private final Set<String> names;
    private final List<String> suffixes;
    private final List<AddressRange> ranges;

    private HostAllowList(Set<String> names, List<String> suffixes, List<AddressRange> ranges) {
        this.names = names;
        this.suffixes = suffixes;
        this.ranges = ranges;
    }

    /** The list that allows every host (no restriction). */
    public static HostAllowList any() {
        return ANY;
    }

    /**
     * Reads the comma-separated entries; null or blank allows every host.
     *
     * @throws IllegalArgumentException naming each entry that is neither a host name, a wildcard, an address nor a
     *                                  CIDR range
     */
    public static HostAllowList parse(String spec) {
        if (spec == null || spec.isBlank()) {
            return ANY;
        }
        Set<String> names = new LinkedHashSet<>();
        List<String> suffixes = new ArrayList<>();
        List<AddressRange> ranges = new ArrayList<>();
        List<String> bad = new ArrayList<>();
        for (String raw : spec.split(",")) {
            String entry = raw.trim();
            if (entry.isEmpty()) {
                continue;
            }
            if (entry.startsWith("*.")) {
                String suffix = HostNames.canonical(entry.substring(2));
                if (suffix == null || HostNames.isAddress(suffix)) {
                    bad.add(entry);
                } else {
                    suffixes.add("." + suffix);
                }
            } else if (entry.indexOf('/') >= 0 || HostNames.address(stripBrackets(entry)) != null) {
                try {
                    ranges.add(AddressRange.parse(entry));
                } catch (IllegalArgumentException e) {
                    bad.add(entry);
                }
            } else {
                String name = HostNames.canonical(entry);
                if (name == null) {
                    bad.add(entry);
                } else {
                    names.add(name);
                }
            }
        }
        if (!bad.isEmpty()) {
            throw new IllegalArgumentException("PACER_INGEST_SOURCE_HOSTS: " + bad + " are not host names, *.domain "
                    + "wildcards, IP addresses or CIDR ranges");
        }
        if (names.isEmpty() && suffixes.isEmpty() && ranges.isEmpty()) {
            return ANY;
        }
        return new HostAllowList(Set.copyOf(names), List.copyOf(suffixes), List.copyOf(ranges));
    }

    /** Whether every host is allowed (no list set). */
    public boolean allowsAny() {
        return this == ANY;
    }

    /**
     * Checks a host as a URL names it.
     *
     * @return null when the host is allowed, otherwise why not (completing "host 'x' …"); the reason names neither
     *         the entries of the list nor the addresses the host resolves to
     */
    public String problem(String host, Resolver resolver) {
        if (allowsAny()) {
            return null;
        }
        String h = HostNames.canonical(host);
        if (h == null) {
            return "is not a plain host name or IP address (write international names in their xn-- form)";
        }
        if (HostNames.isAddress(h)) {
            return inRanges(HostNames.address(h)) ? null : NOT_LISTED;
        }
        if (names.contains(h) || suffixes.stream().anyMatch(s -> h.endsWith(s))) {
            return null;
        }
        if (ranges.isEmpty()) {
            return NOT_LISTED;
        }
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(h);
        } catch (UnknownHostException e) {
            return "cannot be resolved, so it cannot be checked against " + VARIABLE;
        }
        for (InetAddress a : addresses) {
            if (!inRanges(a)) {
                return "resolves to an address outside the ranges of " + VARIABLE;
            }
        }
        return addresses.length == 0 ? NOT_LISTED : null;
    }

    private boolean inRanges(InetAddress address) {
        return ranges.stream().anyMatch(r -> r.contains(address));
    }

    private static String stripBrackets(String s) {
        return s.startsWith("[") && s.endsWith("]") ? s.substring(1, s.length() - 1) : s;
    }

    static final String VARIABLE = "PACER_INGEST_SOURCE_HOSTS";
    private static final String NOT_LISTED = "is not among the hosts sources may connect to (" + VARIABLE + ")";
}
