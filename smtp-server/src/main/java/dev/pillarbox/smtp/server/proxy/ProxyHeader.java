package dev.pillarbox.smtp.server.proxy;

import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * A decoded PROXY protocol header. It either carries the TCP addresses of the original connection
 * ({@code PROXY TCP4 ...}, or a v2 PROXY command with family INET/INET6 over STREAM), or it does not
 * ({@code PROXY UNKNOWN}, the v2 LOCAL command used by health checks, or a family the server does not
 * translate), and then the connection keeps the socket's own addresses.
 */
public final class ProxyHeader {

    private final int version;
    private final InetSocketAddress source;
    private final InetSocketAddress destination;

    private ProxyHeader(int version, InetSocketAddress source, InetSocketAddress destination) {
        if (version != 1 && version != 2) {
            throw new IllegalArgumentException("PROXY protocol version must be 1 or 2, not " + version);
        }
        this.version = version;
        this.source = source;
        this.destination = destination;
    }

    /** A header naming the original client ({@code source}) and the address it connected to. */
    public static ProxyHeader proxied(int version, InetSocketAddress source, InetSocketAddress destination) {
        return new ProxyHeader(version, Objects.requireNonNull(source, "source"),
                Objects.requireNonNull(destination, "destination"));
    }

    /** A header without addresses: v1 {@code UNKNOWN}, v2 {@code LOCAL}, or an untranslated family. */
    public static ProxyHeader withoutAddresses(int version) {
        return new ProxyHeader(version, null, null);
    }

    /** 1 for the text header, 2 for the binary one. */
    public int version() {
        return version;
    }

    /** The original client's address; empty when the connection keeps the socket's address. */
    public Optional<InetSocketAddress> source() {
        return Optional.ofNullable(source);
    }

    /** The address the original client connected to; empty when {@link #source()} is. */
    public Optional<InetSocketAddress> destination() {
        return Optional.ofNullable(destination);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ProxyHeader other)) {
            return false;
        }
        return version == other.version && Objects.equals(source, other.source)
                && Objects.equals(destination, other.destination);
    }

    @Override
    public int hashCode() {
        return Objects.hash(version, source, destination);
    }

    @Override
    public String toString() {
        return source == null ? "PROXY v" + version + " (no addresses)"
                : "PROXY v" + version + " " + text(source) + " -> " + text(destination);
    }

    private static String text(InetSocketAddress address) {
        String host = address.getAddress().getHostAddress();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + address.getPort();
    }
}
