package dev.pacer.ingest.hosts;

import java.net.InetAddress;

/**
 * A range of IP addresses in CIDR notation ({@code 10.20.0.0/16}, {@code fd00::/8}); a single address is the range of
 * its full prefix length. Bits beyond the prefix are ignored ({@code 10.20.3.4/16} is {@code 10.20.0.0/16}). IPv4 and
 * IPv6 ranges never contain each other's addresses (an IPv4-mapped IPv6 address counts as its IPv4 address).
 */
public final class AddressRange {
    private final byte[] network;
    private final int prefix;
    private final String text;

    private AddressRange(byte[] network, int prefix, String text) {
        this.network = network;
        this.prefix = prefix;
        this.text = text;
    }

    /**
     * @throws IllegalArgumentException when the text is no address or CIDR range
     */
    public static AddressRange parse(String text) {
        String s = text.trim();
        int slash = s.indexOf('/');
        String literal = slash < 0 ? s : s.substring(0, slash);
        if (literal.startsWith("[") && literal.endsWith("]")) {
            literal = literal.substring(1, literal.length() - 1);
        }
        InetAddress address = HostNames.address(literal);
        if (address == null) {
            throw new IllegalArgumentException("'" + text + "' is not an IP address or CIDR range");
        }
        byte[] bytes = address.getAddress();
        int bits = bytes.length * 8;
        int prefix = bits;
        if (slash >= 0) {
            String p = s.substring(slash + 1);
            if (!p.matches("[0-9]{1,3}") || Integer.parseInt(p) > bits) {
                throw new IllegalArgumentException("'" + text + "' has no prefix length between 0 and " + bits);
            }
            prefix = Integer.parseInt(p);
        }
        return new AddressRange(mask(bytes, prefix), prefix, s);
    }

    /** Whether the address lies in this range. */
    public boolean contains(InetAddress address) {
        byte[] bytes = address.getAddress();
        return bytes.length == network.length && java.util.Arrays.equals(mask(bytes, prefix), network);
    }

    private static byte[] mask(byte[] bytes, int prefix) {
        byte[] out = bytes.clone();
        for (int i = 0; i < out.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - i * 8));
            out[i] = (byte) (out[i] & (0xff00 >> keep));
        }
        return out;
    }

    @Override
    public String toString() {
        return text;
    }
}
