package dev.pillarbox.smtp.server;

import dev.pillarbox.smtp.core.Reply;
import dev.pillarbox.smtp.plugins.spi.ServerEvents;
import dev.pillarbox.smtp.plugins.spi.ServerEvents.ConnectionRefusal;
import dev.pillarbox.smtp.server.proxy.ProxyHeader;
import dev.pillarbox.smtp.server.proxy.ProxyHeaderDecoder;
import dev.pillarbox.smtp.server.proxy.ProxyHeaderException;
import dev.pillarbox.smtp.server.verbs.ServerReplies;
import java.io.IOException;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a connection does before SMTP starts, and the TLS switch: the PROXY protocol header on a
 * {@code proxy-protocol} listener, the TLS handshake first on an {@code implicit-tls} listener (RFC 8314 3.3), and
 * the same handshake after STARTTLS (RFC 3207). Each step answers null when the session may go on, or why it ends
 * (logged once, in the connection's closing line: scanners and misconfigured peers are routine, not errors).
 */
final class Preamble {

    private static final Logger LOG = LoggerFactory.getLogger(Preamble.class);

    private final Transport transport;
    private final ServerSession session;
    private final ListenerSettings listener;
    private final SSLContext tlsContext;
    private final Duration idleTimeout;
    private final ServerEvents events;

    Preamble(Transport transport, ServerSession session, ListenerSettings listener, SSLContext tlsContext,
            Duration idleTimeout, ServerEvents events) {
        this.events = events;
        this.transport = transport;
        this.session = session;
        this.listener = listener;
        this.tlsContext = tlsContext;
        this.idleTimeout = idleTimeout;
    }

    /** The PROXY header (when the listener expects one), then implicit TLS (when the listener uses it). */
    String run(InetAddress peer, ReplyOutput output) throws IOException {
        if (listener.proxyProtocol()) {
            String refused = proxyHeader(peer);
            if (refused != null) {
                return refused;
            }
        }
        if (!listener.implicitTls()) {
            return null;
        }
        String failed = handshake(output);
        if (failed != null) {
            events.connectionRefused(listener.name(), ConnectionRefusal.TLS_HANDSHAKE);
        }
        return failed;
    }

    /**
     * Reads the PROXY protocol header (v1 or v2) that the load balancer sends before any SMTP byte, byte-exactly
     * (the decoder never asks for a byte past it) and within {@link ListenerSettings#PROXY_HEADER_TIMEOUT} in all.
     * The header names the client that policy, limits and trace headers see, so it is read only from the proxies
     * the listener trusts.
     */
    private String proxyHeader(InetAddress peer) throws IOException {
        if (!listener.trustedProxies().contains(peer)) {
            events.connectionRefused(listener.name(), ConnectionRefusal.UNTRUSTED_PROXY);
            return "PROXY header expected from a trusted proxy (" + listener.trustedProxies() + "), not from "
                    + peer.getHostAddress();
        }
        String refused = readProxyHeader();
        if (refused != null) {
            events.connectionRefused(listener.name(), ConnectionRefusal.PROXY_HEADER);
        }
        return refused;
    }

    /** The header from a trusted proxy: null when the session may go on, else what was wrong with it. */
    private String readProxyHeader() throws IOException {
        ProxyHeaderDecoder proxy = new ProxyHeaderDecoder();
        byte[] chunk = new byte[ProxyHeaderDecoder.V1_MAX_LENGTH];
        long deadline = System.nanoTime() + ListenerSettings.PROXY_HEADER_TIMEOUT.toNanos();
        String via = session.remoteAddress().getAddress().getHostAddress() + ":" + session.remoteAddress().getPort();
        try {
            ProxyHeader header = null;
            while (header == null) {
                int wanted = proxy.bytesWanted();
                if (chunk.length < wanted) {
                    chunk = new byte[wanted];
                }
                int n = transport.read(chunk, 0, wanted, deadline);
                if (n < 0) {
                    return "closed before a complete PROXY header";
                }
                header = proxy.feed(chunk, 0, n);
            }
            ProxyHeader decoded = header;
            decoded.source().ifPresent(source -> session.proxied(source, decoded.destination().orElseThrow()));
            LOG.debug("{} from proxy {}", decoded, via);
            return null;
        } catch (ProxyHeaderException e) {
            return "invalid PROXY header: " + e.getMessage();
        } catch (SocketTimeoutException e) {
            return "no PROXY header within " + ListenerSettings.PROXY_HEADER_TIMEOUT.toSeconds() + "s";
        }
    }

    /**
     * STARTTLS (RFC 3207): writes {@code reply} and flushes it, forgets everything the client pipelined after the
     * command (section 6), then runs the handshake. Without a TLS context the client gets {@code 454 4.7.0}.
     */
    String startTls(Reply reply, ReplyOutput output, ConnectionInput input) throws IOException {
        if (tlsContext == null) {
            LOG.error("a handler answered STARTTLS but no TLS context is bound (ExtensionPoints.tlsContext)");
            output.write(ServerReplies.TLS_NOT_AVAILABLE);
            return null;
        }
        output.write(reply);
        output.flush();
        input.discard();
        return handshake(output);
    }

    /**
     * Runs the server side of the TLS handshake within the idle timeout as a whole, then resets the session (RFC 3207
     * 4.2) and writes further replies through TLS. A failed handshake ends only this connection.
     */
    String handshake(ReplyOutput output) throws IOException {
        try {
            output.use(transport.startTls(tlsContext, session.remoteAddress(),
                    System.nanoTime() + idleTimeout.toNanos()));
        } catch (Transport.DeadlineExpired e) {
            events.tlsHandshakeFailed(listener.name(), true);
            return "TLS handshake not complete within the idle timeout";
        } catch (SSLException | SocketTimeoutException e) {
            events.tlsHandshakeFailed(listener.name(), false);
            return "TLS handshake failed: " + e.getMessage();
        }
        events.tlsHandshake(listener.name(), transport.tlsSession().getProtocol());
        session.startedTls(transport.tlsSession());
        LOG.debug("TLS started: {} {}", transport.tlsSession().getProtocol(), transport.tlsSession().getCipherSuite());
        return null;
    }
}
