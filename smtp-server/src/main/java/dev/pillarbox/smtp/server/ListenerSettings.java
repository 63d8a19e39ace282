package dev.pillarbox.smtp.server;

import dev.pillarbox.smtp.plugins.api.Protocol;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * One listening socket: its name (for logs and {@code SessionView.listenerName()}), address, port and protocol.
 *
 * @param name the listener's name, e.g. {@code "smtp"} or {@code "lmtp"}
 * @param address the local address to bind, e.g. 127.0.0.1
 * @param port the port; 0 picks a free one (see {@link SmtpServer#boundAddresses()})
 * @param protocol SMTP or LMTP
 */
public record ListenerSettings(String name, InetAddress address, int port, Protocol protocol) {

    /** Validates the components. */
    public ListenerSettings {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(protocol, "protocol");
        if (name.isBlank()) {
            throw new IllegalArgumentException("listener name is blank");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("listener " + name + ": port " + port + " is not in 0..65535");
        }
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
        return new ListenerSettings(name, address, port, protocol);
    }

    /** This listener with another name. */
    public ListenerSettings withName(String name) {
        return new ListenerSettings(name, address, port, protocol);
    }
}
