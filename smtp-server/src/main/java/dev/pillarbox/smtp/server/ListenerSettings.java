package dev.pillarbox.smtp.server;

import dev.pillarbox.smtp.plugins.api.Protocol;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * One listening socket: its name (for logs and {@code SessionView.listenerName()}), address, port and protocol,
 * and how a connection starts on it.
 *
 * @param name the listener's name, e.g. {@code "smtp"} or {@code "lmtp"}
 * @param address the local address to bind, e.g. 127.0.0.1
 * @param port the port; 0 picks a free one (see {@link SmtpServer#boundAddresses()})
 * @param protocol SMTP or LMTP
 * @param implicitTls true for an implicit TLS listener (RFC 8314 3.3, port 465 style): the TLS handshake comes
 *     first and the 220 greeting is sent inside TLS. Needs a TLS context bound (the {@code starttls} plugin)
 * @param proxyProtocol true when a load balancer in front sends a PROXY protocol header (v1 or v2) first; a
 *     connection without a valid header within {@link #PROXY_HEADER_TIMEOUT} is closed without a greeting
 * @param trustedProxies with {@code proxyProtocol}, the peers whose PROXY header is believed (like nginx's
 *     {@code set_real_ip_from}); a connection from any other address is closed without a greeting, since its header
 *     would let it choose the client address that policy, limits and trace headers see. Loopback by default
 */
public record ListenerSettings(String name, InetAddress address, int port, Protocol protocol, boolean implicitTls,
        boolean proxyProtocol, Networks trustedProxies) {

    /**
     * How long a PROXY listener waits for the header: the proxy sends it at once on connect (HAProxy spec 2),
     * so a short wait keeps clients that speak plain SMTP to the wrong port from holding a thread.
     */
    public static final Duration PROXY_HEADER_TIMEOUT = Duration.ofSeconds(5);

    /** Validates the components. */
    public ListenerSettings {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(trustedProxies, "trustedProxies");
        if (name.isBlank()) {
            throw new IllegalArgumentException("listener name is blank");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("listener " + name + ": port " + port + " is not in 0..65535");
        }
    }

    /** A listener that trusts PROXY headers from loopback only (when {@code proxyProtocol}). */
    public ListenerSettings(String name, InetAddress address, int port, Protocol protocol, boolean implicitTls,
            boolean proxyProtocol) {
        this(name, address, port, protocol, implicitTls, proxyProtocol, Networks.LOOPBACK);
    }

    /** A plain listener: no implicit TLS, no PROXY header. */
    public ListenerSettings(String name, InetAddress address, int port, Protocol protocol) {
        this(name, address, port, protocol, false, false);
    }

    /** An SMTP listener named {@code "smtp"} on {@code address:port}. */
    public static ListenerSettings smtp(InetAddress address, int port) {
        return new ListenerSettings("smtp", address, port, Protocol.SMTP);
    }

    /** An SMTP listener on 127.0.0.1 with a free port: what tests use. */
    public static ListenerSettings loopback() {
        return smtp(InetAddress.getLoopbackAddress(), 0);
    }

    /** The socket address to bind. */
    public InetSocketAddress socketAddress() {
        return new InetSocketAddress(address, port);
    }

    /** This listener with another protocol. */
    public ListenerSettings withProtocol(Protocol protocol) {
        return new ListenerSettings(name, address, port, protocol, implicitTls, proxyProtocol, trustedProxies);
    }

    /** This listener with another name. */
    public ListenerSettings withName(String name) {
        return new ListenerSettings(name, address, port, protocol, implicitTls, proxyProtocol, trustedProxies);
    }

    /** This listener with implicit TLS on or off (RFC 8314). */
    public ListenerSettings withImplicitTls(boolean implicitTls) {
        return new ListenerSettings(name, address, port, protocol, implicitTls, proxyProtocol, trustedProxies);
    }

    /** This listener expecting a PROXY protocol header, or not. */
    public ListenerSettings withProxyProtocol(boolean proxyProtocol) {
        return new ListenerSettings(name, address, port, protocol, implicitTls, proxyProtocol, trustedProxies);
    }

    /** This listener believing PROXY headers only from {@code trustedProxies}. */
    public ListenerSettings withTrustedProxies(Networks trustedProxies) {
        return new ListenerSettings(name, address, port, protocol, implicitTls, proxyProtocol, trustedProxies);
    }
}
