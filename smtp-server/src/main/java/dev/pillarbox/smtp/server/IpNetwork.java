package dev.pillarbox.smtp.server;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An IPv4 or IPv6 network in CIDR notation (RFC 4632 3.1, RFC 4291 2.3): {@code 192.0.2.0/24}, {@code 2001:db8::/32};
 * a single address is a network of one ({@code 127.0.0.1} is {@code 127.0.0.1/32}, {@code ::1} is {@code ::1/128}).
 *
 * @param address the network's first address (its host bits are zero)
 * @param prefixLength the number of leading bits that every address of the network shares
 */
public record IpNetwork(InetAddress address, int prefixLength) {

    private static final Pattern IPV4 = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
    // a literal with a colon that starts with a hex digit or a colon: InetAddress parses it without a name lookup
    private static final Pattern IPV6 = Pattern.compile("(?=.*:)[0-9A-Fa-f:][0-9A-Fa-f:.]*");

    /**
     * Validates the components.
     *
     * @throws IllegalArgumentException if the prefix length does not fit the address family or host bits are set
     */
    public IpNetwork {
        Objects.requireNonNull(address, "address");
        int bits = address.getAddress().length * 8;
        if (prefixLength < 0 || prefixLength > bits) {
            throw new IllegalArgumentException("prefix length /" + prefixLength + " is not within 0.." + bits
                    + " for " + text(address));
        }
        InetAddress first = masked(address, prefixLength);
        if (!first.equals(address)) {
            throw new IllegalArgumentException(text(address) + "/" + prefixLength
                    + " has host bits set: the network is " + text(first) + "/" + prefixLength);
        }
    }

    /**
     * Parses {@code ADDRESS[/PREFIX]}, where ADDRESS is an IPv4 or IPv6 literal (never a host name: nothing is looked
     * up) and PREFIX its prefix length, the whole address when absent.
     *
     * @throws IllegalArgumentException naming the problem, e.g. {@code "192.0.2.1/24" has host bits set}
     */
    public static IpNetwork parse(String text) {
        Objects.requireNonNull(text, "text");
        String s = text.strip();
        int slash = s.indexOf('/');
        String host = slash < 0 ? s : s.substring(0, slash);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        InetAddress address = literal(host, text);
        int bits = address.getAddress().length * 8;
        int prefix = bits;
        if (slash >= 0) {
            String digits = s.substring(slash + 1);
            if (!digits.matches("[0-9]{1,3}")) {
                throw new IllegalArgumentException("\"" + text + "\" has no prefix length after '/' (e.g. /24)");
            }
            prefix = Integer.parseInt(digits);
        }
        try {
            return new IpNetwork(address, prefix);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("\"" + text + "\": " + e.getMessage(), e);
        }
    }

    /** True if {@code candidate} is in this network (an IPv4 address is never in an IPv6 network, nor the reverse). */
    public boolean contains(InetAddress candidate) {
        if ((candidate instanceof Inet4Address) != (address instanceof Inet4Address)) {
            return false;
        }
        byte[] a = address.getAddress();
        byte[] c = candidate.getAddress();
        int full = prefixLength / 8;
        for (int i = 0; i < full; i++) {
            if (a[i] != c[i]) {
                return false;
            }
        }
        int rest = prefixLength % 8;
        if (rest == 0) {
            return true;
        }
        int mask = 0xff << (8 - rest) & 0xff;
        return (a[full] & mask) == (c[full] & mask);
    }

    /** {@code 192.0.2.0/24}, {@code ::1/128} (IPv6 in the RFC 5952 text form). */
    @Override
    public String toString() {
        return text(address) + "/" + prefixLength;
    }

    /** RFC 5952 4: lower case, no leading zeros, the longest run of two or more zero groups (the first) as "::". */
    private static String text(InetAddress address) {
        if (address instanceof Inet4Address) {
            return address.getHostAddress();
        }
        byte[] b = address.getAddress();
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = (b[2 * i] & 0xff) << 8 | (b[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; i++) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = Math.max(i, j);
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(groups[i]));
        }
        return out.toString();
    }

    private static InetAddress literal(String host, String text) {
        boolean v4 = IPV4.matcher(host).matches();
        if (!v4 && !IPV6.matcher(host).matches()) {
            throw new IllegalArgumentException("\"" + text + "\" is not an IP address or network (e.g. 192.0.2.0/24,"
                    + " 2001:db8::/32, ::1)");
        }
        if (v4) {
            for (String part : host.split("\\.")) {
                if (Integer.parseInt(part) > 255) {
                    throw new IllegalArgumentException("\"" + text + "\" is not an IPv4 address (" + part
                            + " > 255)");
                }
            }
        }
        try {
            return InetAddress.getByName(host); // a literal: no name lookup
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("\"" + text + "\" is not an IPv6 address", e);
        }
    }

    private static InetAddress masked(InetAddress address, int prefixLength) {
        byte[] bytes = address.getAddress();
        for (int i = 0; i < bytes.length; i++) {
            int keep = Math.max(0, Math.min(8, prefixLength - i * 8));
            bytes[i] &= (byte) (0xff << (8 - keep));
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // cannot happen: the length is that of an address
        }
    }
}
