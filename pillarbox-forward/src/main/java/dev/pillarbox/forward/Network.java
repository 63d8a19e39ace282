package dev.pillarbox.forward;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** An address block such as {@code 192.0.2.0/24} or {@code ::1/128}, for {@code relay-networks}. */
record Network(byte[] address, int prefix, String text) {

    /** Parses {@code address/prefix} or a bare address (a block of one); {@code key} names the setting in errors. */
    static Network parse(String key, String text) {
        String s = text.trim();
        int slash = s.indexOf('/');
        String host = slash < 0 ? s : s.substring(0, slash);
        // only literals: a name here would mean a DNS lookup at start-up
        if (host.isEmpty() || !host.matches("[0-9a-fA-F:.]+")) {
            throw new IllegalArgumentException(key + ": \"" + text + "\" is not an address block (e.g. 192.0.2.0/24)");
        }
        byte[] bytes;
        try {
            bytes = InetAddress.getByName(host).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(key + ": \"" + text + "\" is not an address block (e.g. 192.0.2.0/24)",
                    e);
        }
        int prefix = bytes.length * 8;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(s.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(key + ": \"" + text + "\" has no prefix length after /", e);
            }
            if (prefix < 0 || prefix > bytes.length * 8) {
                throw new IllegalArgumentException(key + ": \"" + text + "\" has a prefix length out of range");
            }
        }
        return new Network(bytes, prefix, s);
    }

    /** True if {@code candidate} is inside this block. */
    boolean contains(InetAddress candidate) {
        byte[] other = candidate.getAddress();
        if (other.length != address.length) {
            return false;
        }
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (other[i] != address[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = 0xFF << (8 - rest) & 0xFF;
        return (other[full] & mask) == (address[full] & mask);
    }

    /** True for a block of every address ({@code 0.0.0.0/0}, {@code ::/0}). */
    boolean everything() {
        return prefix == 0;
    }

    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Network n && n.prefix == prefix && java.util.Arrays.equals(n.address, address);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(address) * 31 + prefix;
    }
}
