package dev.pillarbox.milter.plugin;

import dev.pillarbox.smtp.milter.ConnectInfo;
import dev.pillarbox.smtp.milter.MacroLookup;
import dev.pillarbox.smtp.plugins.api.SessionView;
import java.net.InetSocketAddress;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * The macro values of one SMTP session, under Postfix's names (and Sendmail's {@code {if_addr}}), read from the
 * session as it is when each event is sent. Postfix's meanings (postconf(5), {@code milter_*_macros}):
 *
 * <ul>
 *   <li>{@code j}, {@code {daemon_name}}: the server's host name ({@code myhostname},
 *       {@code milter_macro_daemon_name}); {@code v}: the server's name and version;</li>
 *   <li>{@code {daemon_addr}}, {@code {daemon_port}}, {@code {if_addr}}: the local end of the connection;</li>
 *   <li>{@code {client_addr}}, {@code {client_port}}; {@code {client_name}} and {@code {client_ptr}}:
 *       {@code unknown}, as Postfix says for a client without a verified name (the server does no reverse
 *       lookups); {@code _}: {@code unknown [address]};</li>
 *   <li>{@code i}: the queue id of the transaction (the session id and the transaction's number), from MAIL on;</li>
 *   <li>{@code {auth_type}} (the SASL mechanism), {@code {auth_authen}} (the identity): after AUTH;
 *       {@code {mail_addr}}: the sender without angle brackets; {@code {rcpt_addr}}: the
 *       recipient of the RCPT being checked;</li>
 *   <li>{@code {tls_version}}, {@code {cipher}}, {@code {cipher_bits}}, {@code {cert_subject}},
 *       {@code {cert_issuer}}: after STARTTLS
 *       or on an implicit TLS listener.</li>
 * </ul>
 */
final class SessionMacros implements MacroLookup {

    private static final String VERSION = Optional.ofNullable(SessionMacros.class.getPackage()
            .getImplementationVersion()).map(v -> "Pillarbox " + v).orElse("Pillarbox");

    // the key length after the cipher's name: AES_128, AES_256, CAMELLIA_256, ARIA_128
    private static final Pattern KEY_BITS = Pattern.compile("_(?:AES|CAMELLIA|ARIA)_(\\d+)_");

    private final FilterConversation conversation;

    SessionMacros(FilterConversation conversation) {
        this.conversation = conversation;
    }

    @Override
    public String value(String name) {
        SessionView s = conversation.session();
        return switch (name) {
            case "{j}", "{daemon_name}" -> s.serverName();
            case "{v}" -> VERSION;
            case "{_}" -> "unknown [" + address(s.remoteAddress()) + "]";
            case "{daemon_addr}", "{if_addr}" -> address(s.localAddress());
            case "{daemon_port}" -> port(s.localAddress());
            case "{client_addr}" -> address(s.remoteAddress());
            case "{client_port}" -> port(s.remoteAddress());
            case "{client_name}", "{client_ptr}" -> "unknown";
            case "{i}" -> conversation.queueId();
            case "{auth_type}" -> s.authenticationMechanism().orElse(null);
            case "{auth_authen}" -> s.authenticatedIdentity().orElse(null);
            case "{mail_addr}" -> conversation.mailAddress();
            case "{rcpt_addr}" -> conversation.rcptAddress();
            case "{tls_version}" -> s.tlsSession().map(SSLSession::getProtocol).orElse(null);
            case "{cipher}" -> s.tlsSession().map(SSLSession::getCipherSuite).orElse(null);
            case "{cipher_bits}" -> s.tlsSession().map(t -> cipherBits(t.getCipherSuite())).orElse(null);
            case "{cert_subject}" -> peer(s).map(c -> c.getSubjectX500Principal().getName()).orElse(null);
            case "{cert_issuer}" -> peer(s).map(c -> c.getIssuerX500Principal().getName()).orElse(null);
            default -> null;
        };
    }

    /**
     * The symmetric cipher's key length of a JSSE cipher suite, as Postfix's {@code {cipher_bits}} gives it:
     * {@code TLS_AES_128_GCM_SHA256} 128, ChaCha20 256; null when the name does not say.
     */
    static String cipherBits(String suite) {
        if (suite.contains("CHACHA20")) {
            return "256";
        }
        Matcher m = KEY_BITS.matcher(suite);
        return m.find() ? m.group(1) : null;
    }

    private static String address(InetSocketAddress socket) {
        if (socket == null) {
            return null;
        }
        // compressed IPv6 without a scope (RFC 5952), as the connect event sends it
        return socket.getAddress() == null ? socket.getHostString() : ConnectInfo.of(socket, null).address();
    }

    private static String port(InetSocketAddress socket) {
        return socket == null ? null : Integer.toString(socket.getPort());
    }

    private static Optional<X509Certificate> peer(SessionView s) {
        Optional<SSLSession> tls = s.tlsSession();
        if (tls.isEmpty()) {
            return Optional.empty();
        }
        try {
            Certificate[] chain = tls.get().getPeerCertificates();
            return chain.length > 0 && chain[0] instanceof X509Certificate x ? Optional.of(x) : Optional.empty();
        } catch (SSLPeerUnverifiedException e) {
            return Optional.empty(); // no client certificate: Postfix sends no cert_subject either
        }
    }
}
