package dev.pillarbox.smtp.server.proxy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Decodes one PROXY protocol header, version 1 (text) or 2 (binary), as HAProxy's proxy-protocol.txt defines
 * them. Pure and byte-level: the caller asks {@link #bytesWanted()}, reads at most that many bytes and
 * {@link #feed feeds} them, until a {@link ProxyHeader} comes back. The decoder never asks for a byte past the
 * header (v1 is read a byte at a time up to its LF; v2 states its length in its 16-byte prefix), so whatever the
 * client sends after the header is left unread for SMTP.
 *
 * <p>One instance decodes one header; it is not thread-safe.
 */
public final class ProxyHeaderDecoder {

    /** Spec 2.1: a v1 header is at most 107 bytes including CRLF. */
    public static final int V1_MAX_LENGTH = 107;

    /** Spec 2.2: the 12-byte signature that starts a v2 header. */
    static final byte[] V2_SIGNATURE = {
        0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A};

    private static final byte[] V1_PREFIX = "PROXY ".getBytes(StandardCharsets.US_ASCII);
    // enough to tell v1 ("PROXY ", and a v1 header is at least 15 bytes) from v2 (its signature) apart
    private static final int PREFIX_LENGTH = 8;
    private static final int V2_FIXED_LENGTH = 16;
    private static final int V2_INET_LENGTH = 12;
    private static final int V2_INET6_LENGTH = 36;

    private enum State { PREFIX, V1, V2_FIXED, V2_BODY, DONE }

    private State state = State.PREFIX;
    private byte[] buffer = new byte[V1_MAX_LENGTH];
    private int length;
    private int v2Length;

    /** A decoder waiting for the first bytes of a header. */
    public ProxyHeaderDecoder() {
    }

    /**
     * Decodes {@code bytes} that must hold exactly one header and nothing after it; for tests and tools.
     *
     * @throws ProxyHeaderException if the bytes are not one valid header, are incomplete or go on after it
     */
    public static ProxyHeader decode(byte[] bytes) throws ProxyHeaderException {
        ProxyHeaderDecoder decoder = new ProxyHeaderDecoder();
        int offset = 0;
        ProxyHeader result = null;
        while (result == null) {
            int wanted = decoder.bytesWanted();
            if (offset == bytes.length) {
                throw new ProxyHeaderException("incomplete PROXY header: " + bytes.length + " bytes, "
                        + wanted + " more needed");
            }
            int n = Math.min(wanted, bytes.length - offset);
            result = decoder.feed(bytes, offset, n);
            offset += n;
        }
        if (offset != bytes.length) {
            throw new ProxyHeaderException((bytes.length - offset) + " bytes after the PROXY header");
        }
        return result;
    }

    /** How many bytes the decoder needs next (at least 1), or 0 once the header is decoded. */
    public int bytesWanted() {
        switch (state) {
            case PREFIX:
                return PREFIX_LENGTH - length;
            case V1:
                return 1; // the end is the LF, which may be any of the next bytes
            case V2_FIXED:
                return V2_FIXED_LENGTH - length;
            case V2_BODY:
                return V2_FIXED_LENGTH + v2Length - length;
            default:
                return 0;
        }
    }

    /**
     * Feeds {@code count} bytes, at most {@link #bytesWanted()}.
     *
     * @return the header once complete, else null (read {@link #bytesWanted()} more)
     * @throws ProxyHeaderException as soon as the bytes cannot start or form a valid header
     * @throws IllegalArgumentException if {@code count} is not in 1..{@link #bytesWanted()}
     */
    public ProxyHeader feed(byte[] bytes, int offset, int count) throws ProxyHeaderException {
        int wanted = bytesWanted();
        if (count < 1 || count > wanted) {
            throw new IllegalArgumentException("fed " + count + " bytes, wanted 1.." + wanted);
        }
        System.arraycopy(bytes, offset, buffer, length, count);
        length += count;
        switch (state) {
            case PREFIX:
                if (length == PREFIX_LENGTH) {
                    prefix();
                }
                return null;
            case V1:
                return v1Byte();
            case V2_FIXED:
                if (length == V2_FIXED_LENGTH) {
                    return v2Fixed();
                }
                return null;
            case V2_BODY:
                return length == V2_FIXED_LENGTH + v2Length ? v2() : null;
            default:
                throw new IllegalStateException("header already decoded");
        }
    }

    private void prefix() throws ProxyHeaderException {
        if (startsWith(V1_PREFIX, V1_PREFIX.length)) {
            for (int i = V1_PREFIX.length; i < PREFIX_LENGTH; i++) {
                if (buffer[i] < 0x20 || buffer[i] > 0x7e) {
                    throw new ProxyHeaderException("PROXY v1 header has an invalid byte " + hex(i, i + 1)
                            + " at offset " + i);
                }
            }
            state = State.V1;
        } else if (startsWith(V2_SIGNATURE, PREFIX_LENGTH)) {
            state = State.V2_FIXED;
        } else {
            throw new ProxyHeaderException("not a PROXY protocol header: starts with " + hex(0, PREFIX_LENGTH));
        }
    }

    private ProxyHeader v1Byte() throws ProxyHeaderException {
        byte last = buffer[length - 1];
        if (last == '\n') {
            if (buffer[length - 2] != '\r') {
                throw new ProxyHeaderException("PROXY v1 header ends with a bare LF");
            }
            return done(v1(new String(buffer, 0, length - 2, StandardCharsets.US_ASCII)));
        }
        if (last < 0x20 && last != '\r' || last > 0x7e || buffer[length - 2] == '\r') {
            throw new ProxyHeaderException("PROXY v1 header has an invalid byte " + hex(length - 1, length)
                    + " at offset " + (length - 1));
        }
        if (length == V1_MAX_LENGTH) {
            throw new ProxyHeaderException("PROXY v1 header has no CRLF within " + V1_MAX_LENGTH + " bytes");
        }
        return null;
    }

    /** Spec 2.1: {@code PROXY TCP4|TCP6 src dst sport dport} or {@code PROXY UNKNOWN ...}, fields by one space. */
    private static ProxyHeader v1(String line) throws ProxyHeaderException {
        String[] fields = line.split(" ", -1);
        String protocol = fields[1];
        if (protocol.equals("UNKNOWN")) {
            return ProxyHeader.withoutAddresses(1); // the rest of the line is to be ignored
        }
        boolean v4 = protocol.equals("TCP4");
        if (!v4 && !protocol.equals("TCP6")) {
            throw new ProxyHeaderException("PROXY v1 protocol must be TCP4, TCP6 or UNKNOWN, not \""
                    + abbreviate(protocol) + "\"");
        }
        if (fields.length != 6) {
            throw new ProxyHeaderException("PROXY v1 " + protocol + " header needs 6 fields separated by single"
                    + " spaces, found " + fields.length);
        }
        InetAddress source = v4 ? ipv4(fields[2]) : ipv6(fields[2]);
        InetAddress destination = v4 ? ipv4(fields[3]) : ipv6(fields[3]);
        return ProxyHeader.proxied(1, new InetSocketAddress(source, port(fields[4])),
                new InetSocketAddress(destination, port(fields[5])));
    }

    private static InetAddress ipv4(String text) throws ProxyHeaderException {
        String[] parts = text.split("\\.", -1);
        byte[] address = new byte[4];
        if (parts.length != 4) {
            throw badAddress("TCP4", text);
        }
        for (int i = 0; i < 4; i++) {
            if (!parts[i].matches("[0-9]{1,3}") || Integer.parseInt(parts[i]) > 255) {
                throw badAddress("TCP4", text);
            }
            address[i] = (byte) Integer.parseInt(parts[i]);
        }
        return byAddress(address);
    }

    private static InetAddress ipv6(String text) throws ProxyHeaderException {
        // a hex digit or colon first, and a colon somewhere: InetAddress parses it as a literal, never looks it up
        if (text.length() > 45 || !text.matches("[0-9A-Fa-f:][0-9A-Fa-f:.]*") || text.indexOf(':') < 0) {
            throw badAddress("TCP6", text);
        }
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw badAddress("TCP6", text);
        }
    }

    private static int port(String text) throws ProxyHeaderException {
        if (!text.matches("[0-9]{1,5}") || Integer.parseInt(text) > 65535) {
            throw new ProxyHeaderException("PROXY v1 port \"" + abbreviate(text) + "\" is not in 0..65535");
        }
        return Integer.parseInt(text);
    }

    private ProxyHeader v2Fixed() throws ProxyHeaderException {
        if (!startsWith(V2_SIGNATURE, V2_SIGNATURE.length)) {
            throw new ProxyHeaderException("not a PROXY protocol header: starts with " + hex(0, V2_SIGNATURE.length));
        }
        int version = (buffer[12] & 0xF0) >> 4;
        if (version != 2) {
            throw new ProxyHeaderException("PROXY v2 header has version " + version + ", not 2");
        }
        int command = buffer[12] & 0x0F;
        if (command > 1) {
            throw new ProxyHeaderException("PROXY v2 command must be LOCAL (0) or PROXY (1), not " + command);
        }
        int family = (buffer[13] & 0xF0) >> 4;
        int transport = buffer[13] & 0x0F;
        if (family > 3 || transport > 2) {
            throw new ProxyHeaderException("PROXY v2 address family/transport " + hex(13, 14) + " is not defined");
        }
        v2Length = ((buffer[14] & 0xFF) << 8) | (buffer[15] & 0xFF);
        buffer = Arrays.copyOf(buffer, V2_FIXED_LENGTH + v2Length);
        if (v2Length == 0) {
            return v2();
        }
        state = State.V2_BODY;
        return null;
    }

    /** Spec 2.2: LOCAL keeps the socket's addresses; PROXY over STREAM gives TCP addresses; TLVs are skipped. */
    private ProxyHeader v2() throws ProxyHeaderException {
        int command = buffer[12] & 0x0F;
        int family = (buffer[13] & 0xF0) >> 4;
        int transport = buffer[13] & 0x0F;
        if (command == 0 || transport != 1 || (family != 1 && family != 2)) {
            // LOCAL (health checks), UNSPEC, UNIX or DGRAM: nothing the session can use as an IP client address
            return done(ProxyHeader.withoutAddresses(2));
        }
        int size = family == 1 ? 4 : 16;
        int needed = family == 1 ? V2_INET_LENGTH : V2_INET6_LENGTH;
        if (v2Length < needed) {
            throw new ProxyHeaderException("PROXY v2 length " + v2Length + " is too short for "
                    + (family == 1 ? "TCP over IPv4" : "TCP over IPv6") + " (needs " + needed + ")");
        }
        int at = V2_FIXED_LENGTH;
        InetAddress source = byAddress(Arrays.copyOfRange(buffer, at, at + size));
        InetAddress destination = byAddress(Arrays.copyOfRange(buffer, at + size, at + 2 * size));
        int sourcePort = ((buffer[at + 2 * size] & 0xFF) << 8) | (buffer[at + 2 * size + 1] & 0xFF);
        int destinationPort = ((buffer[at + 2 * size + 2] & 0xFF) << 8) | (buffer[at + 2 * size + 3] & 0xFF);
        return done(ProxyHeader.proxied(2, new InetSocketAddress(source, sourcePort),
                new InetSocketAddress(destination, destinationPort)));
    }

    private ProxyHeader done(ProxyHeader result) {
        state = State.DONE;
        return result;
    }

    private boolean startsWith(byte[] prefix, int count) {
        for (int i = 0; i < count; i++) {
            if (buffer[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static InetAddress byAddress(byte[] address) {
        try {
            return InetAddress.getByAddress(address);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("a 4 or 16 byte address was refused", e);
        }
    }

    private static ProxyHeaderException badAddress(String protocol, String text) {
        return new ProxyHeaderException("PROXY v1 " + protocol + " address \"" + abbreviate(text) + "\" is not valid");
    }

    private static String abbreviate(String text) {
        return text.length() <= 48 ? text : text.substring(0, 48) + "...";
    }

    private String hex(int from, int to) {
        StringBuilder sb = new StringBuilder();
        for (int i = from; i < to; i++) {
            sb.append(String.format("%02x", buffer[i] & 0xFF));
        }
        return sb.toString();
    }
}
