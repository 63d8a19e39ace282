package dev.pillarbox.smtp.milter;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a filter listens, written as Postfix and Sendmail write it:
 *
 * <ul>
 *   <li>{@code inet:host:port} (Postfix), with an IPv6 address in brackets: {@code inet:[::1]:11332};</li>
 *   <li>{@code inet:port@host} and {@code inet6:port@host} (Sendmail, OpenDKIM's {@code Socket});</li>
 *   <li>{@code unix:/path} or {@code local:/path}: a Unix domain socket.</li>
 * </ul>
 *
 * A host name is resolved at each connect, so that a changed address is picked up. Immutable.
 */
public final class MilterSocket {

    private final String text;
    private final String host;
    private final int port;
    private final Path path;

    private MilterSocket(String text, String host, int port, Path path) {
        this.text = text;
        this.host = host;
        this.port = port;
        this.path = path;
    }

    /**
     * Parses a socket specification.
     *
     * @throws IllegalArgumentException naming what is wrong and the accepted forms
     */
    public static MilterSocket parse(String text) {
        Objects.requireNonNull(text, "socket");
        String spec = text.strip();
        int colon = spec.indexOf(':');
        if (colon <= 0 || colon == spec.length() - 1) {
            throw bad(text, "expected transport:endpoint");
        }
        String transport = spec.substring(0, colon);
        String endpoint = spec.substring(colon + 1);
        switch (transport) {
            case "unix":
            case "local":
                return new MilterSocket(spec, null, 0, Path.of(endpoint));
            case "inet":
            case "inet6":
                return inet(text, spec, endpoint);
            default:
                throw bad(text, "unknown transport \"" + transport + "\"");
        }
    }

    /** A TCP socket on {@code host} (a name or an address literal) and {@code port}. */
    public static MilterSocket inet(String host, int port) {
        String shown = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        return parse("inet:" + shown + ":" + port);
    }

    /** A Unix domain socket at {@code path}. */
    public static MilterSocket unix(Path path) {
        return new MilterSocket("unix:" + path, null, 0, path);
    }

    private static MilterSocket inet(String text, String spec, String endpoint) {
        String host;
        String port;
        int at = endpoint.indexOf('@');
        if (at >= 0) {
            port = endpoint.substring(0, at);
            host = endpoint.substring(at + 1);
        } else if (endpoint.startsWith("[")) {
            int close = endpoint.indexOf(']');
            if (close < 0 || close + 1 >= endpoint.length() || endpoint.charAt(close + 1) != ':') {
                throw bad(text, "expected inet:[address]:port");
            }
            host = endpoint.substring(1, close);
            port = endpoint.substring(close + 2);
        } else {
            int last = endpoint.lastIndexOf(':');
            if (last < 0) {
                throw bad(text, "expected inet:host:port or inet:port@host");
            }
            host = endpoint.substring(0, last);
            port = endpoint.substring(last + 1);
            if (host.indexOf(':') >= 0) {
                throw bad(text, "write an IPv6 address in brackets, inet:[::1]:port, or as inet6:port@::1");
            }
        }
        if (host.isEmpty()) {
            throw bad(text, "no host");
        }
        int portNumber;
        try {
            portNumber = Integer.parseInt(port);
        } catch (NumberFormatException e) {
            throw bad(text, "port \"" + port + "\" is not a number");
        }
        if (portNumber < 1 || portNumber > 65535) {
            throw bad(text, "port " + portNumber + " is outside 1-65535");
        }
        return new MilterSocket(spec, host, portNumber, null);
    }

    private static IllegalArgumentException bad(String text, String why) {
        return new IllegalArgumentException("milter socket \"" + text + "\": " + why
                + " (forms: inet:host:port, inet:[ipv6]:port, inet:port@host, inet6:port@host, unix:/path)");
    }

    /** True for a Unix domain socket. */
    public boolean isUnix() {
        return path != null;
    }

    /**
     * Opens a blocking channel and connects it. The channel is handed to {@code attempt} before connecting, so
     * that a deadline can close it and end a connect that hangs.
     */
    SocketChannel connect(MilterConnection.ConnectAttempt attempt) throws IOException {
        SocketAddress address = path != null ? UnixDomainSocketAddress.of(path) : new InetSocketAddress(host, port);
        if (address instanceof InetSocketAddress && ((InetSocketAddress) address).isUnresolved()) {
            throw new IOException("cannot resolve host " + host);
        }
        SocketChannel channel = SocketChannel.open(path != null ? StandardProtocolFamily.UNIX
                : ((InetSocketAddress) address).getAddress() instanceof java.net.Inet6Address
                        ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
        try {
            attempt.opened(channel);
            channel.connect(address);
            return channel;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** The specification as written, e.g. {@code inet:127.0.0.1:11332}; also the filter's name in logs. */
    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MilterSocket && ((MilterSocket) o).text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }
}
