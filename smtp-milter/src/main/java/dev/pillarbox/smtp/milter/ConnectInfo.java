package dev.pillarbox.smtp.milter;

import java.io.ByteArrayOutputStream;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * What SMFIC_CONNECT tells a filter about the SMTP client: its host name, address family, port and address.
 * Immutable. Made as Postfix makes it: a client without a verified host name is named {@code [address]}, and an
 * IPv6 address is written in its compressed form (RFC 5952) without an {@code IPv6:} tag.
 */
public final class ConnectInfo {

    /** The address family byte of SMFIC_CONNECT (SMFIA_*). */
    public enum Family {
        /** SMFIA_INET. */
        INET('4'),
        /** SMFIA_INET6. */
        INET6('6'),
        /** SMFIA_UNIX: a local socket. */
        UNIX('L'),
        /** SMFIA_UNKNOWN: nothing but the host name is sent. */
        UNKNOWN('U');

        private final byte code;

        Family(char code) {
            this.code = (byte) code;
        }

        /** The family byte on the wire. */
        public byte code() {
            return code;
        }
    }

    private final String hostname;
    private final Family family;
    private final int port;
    private final String address;

    private ConnectInfo(String hostname, Family family, int port, String address) {
        this.hostname = Objects.requireNonNull(hostname, "hostname");
        this.family = family;
        this.port = port;
        this.address = address;
    }

    /**
     * A TCP client at {@code client}; {@code hostname} is its verified name, or null when it has none (then the
     * filter sees {@code [address]}).
     */
    public static ConnectInfo of(InetSocketAddress client, String hostname) {
        InetAddress inet = client.getAddress();
        if (inet == null) {
            throw new IllegalArgumentException("client address " + client + " is unresolved");
        }
        String address = addressText(inet);
        String name = hostname == null || hostname.isEmpty() || hostname.equals("unknown") ? "[" + address + "]" : hostname;
        return new ConnectInfo(name, inet instanceof Inet6Address ? Family.INET6 : Family.INET, client.getPort(), address);
    }

    /** A client on a local socket at {@code path}. */
    public static ConnectInfo unix(String hostname, String path) {
        return new ConnectInfo(hostname, Family.UNIX, 0, Objects.requireNonNull(path, "path"));
    }

    /** A client of unknown kind: only the host name is sent. */
    public static ConnectInfo unknown(String hostname) {
        return new ConnectInfo(hostname, Family.UNKNOWN, 0, null);
    }

    /** The address as text: dotted IPv4, or compressed IPv6 (RFC 5952 section 4) without a scope. */
    static String addressText(InetAddress inet) {
        if (!(inet instanceof Inet6Address)) {
            return inet.getHostAddress();
        }
        byte[] b = inet.getAddress();
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        // RFC 5952 4.2: the longest run of two or more zero groups becomes "::" (the first such run on a tie)
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLength - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(groups[i]));
        }
        return sb.toString();
    }

    /** The host name sent, e.g. {@code mail.example.org} or {@code [192.0.2.1]}. */
    public String hostname() {
        return hostname;
    }

    /** The address family. */
    public Family family() {
        return family;
    }

    /** The client's port, 0 when unknown or local. */
    public int port() {
        return port;
    }

    /** The address text, null for {@link Family#UNKNOWN}. */
    public String address() {
        return address;
    }

    /** The data of SMFIC_CONNECT: host name, NUL, family, then (except for unknown) port (16 bits), address, NUL. */
    byte[] encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        out.writeBytes(hostname.getBytes(StandardCharsets.UTF_8));
        out.write(0);
        out.write(family.code());
        if (family != Family.UNKNOWN) {
            out.write(port >> 8);
            out.write(port);
            out.writeBytes(address.getBytes(StandardCharsets.UTF_8));
            out.write(0);
        }
        return out.toByteArray();
    }

    @Override
    public String toString() {
        return hostname + (address == null ? "" : " " + address + (port > 0 ? " port " + port : ""));
    }
}
