package dev.pillarbox.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pillarbox.smtp.server.ListenerSettings;
import dev.pillarbox.smtp.server.Networks;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The listener keys {@code tls} (implicit TLS, RFC 8314), {@code proxy-protocol} and {@code trusted-proxies}, and the
 * TLS/AUTH plugins.
 */
class ListenerSecurityConfigTest {

    private static ReferenceConfig parse(String yaml) throws ConfigException {
        return ConfigLoader.parse(yaml, "test.yaml", Map.of(), "host.test");
    }

    @Test
    void listenerKeysForImplicitTlsAndProxyProtocol() throws Exception {
        ReferenceConfig config = parse(String.join("\n",
                "listeners:",
                "  - {address: 127.0.0.1, port: 2525}",
                "  - {name: smtps, address: 127.0.0.1, port: 4650, tls: true}",
                "  - {name: behind-lb, address: 127.0.0.1, port: 2526, proxy-protocol: on}"));
        assertThat(config.server().listeners()).extracting(ListenerSettings::name, ListenerSettings::implicitTls,
                ListenerSettings::proxyProtocol).containsExactly(
                org.assertj.core.groups.Tuple.tuple("smtp", false, false),
                org.assertj.core.groups.Tuple.tuple("smtps", true, false),
                org.assertj.core.groups.Tuple.tuple("behind-lb", false, true));
        assertThat(config.describe()).contains("smtps=smtp://127.0.0.1:4650 tls")
                .contains("behind-lb=smtp://127.0.0.1:2526 proxy-protocol (trusted-proxies: 127.0.0.0/8, ::1/128)");
    }

    @Test
    void aListenerFlagThatIsNotABooleanNamesItsKey() {
        assertThatThrownBy(() -> parse("listeners:\n  - {address: 127.0.0.1, port: 2525, tls: sometimes}"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("listeners[0].tls: \"sometimes\" is not true or false");
    }

    @Test
    void anUnknownListenerKeyListsTheNewOnes() {
        assertThatThrownBy(() -> parse("listeners:\n  - {address: 127.0.0.1, port: 2525, starttls: true}"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("unknown key 'listeners[0].starttls' (known: address, name, port, protocol, tls,"
                        + " proxy-protocol, trusted-proxies)");
    }

    @Test
    void trustedProxiesAreLoopbackUnlessListed() throws Exception {
        ReferenceConfig config = parse(String.join("\n",
                "listeners:",
                "  - {name: lb, address: 127.0.0.1, port: 2526, proxy-protocol: true}",
                "  - {name: lb-net, address: 127.0.0.1, port: 2527, proxy-protocol: true,",
                "     trusted-proxies: [10.1.0.0/16, \"2001:db8::/32\", 192.0.2.7]}",
                "  - {name: lb-flat, address: 127.0.0.1, port: 2528, proxy-protocol: true,"
                        + " trusted-proxies: \"10.1.0.0/16, ::1\"}"));
        assertThat(config.server().listeners()).extracting(ListenerSettings::trustedProxies).containsExactly(
                Networks.LOOPBACK, Networks.of("10.1.0.0/16", "2001:db8::/32", "192.0.2.7"),
                Networks.of("10.1.0.0/16", "::1"));
        assertThat(config.describe())
                .contains("lb=smtp://127.0.0.1:2526 proxy-protocol (trusted-proxies: 127.0.0.0/8, ::1/128)")
                .contains("lb-net=smtp://127.0.0.1:2527 proxy-protocol (trusted-proxies: 10.1.0.0/16, 2001:db8::/32,"
                        + " 192.0.2.7/32)");
    }

    @Test
    void aTrustedProxyThatIsNotANetworkNamesItsKey() {
        assertThatThrownBy(() -> parse("listeners:\n  - {address: 127.0.0.1, port: 2525, proxy-protocol: true,"
                + " trusted-proxies: [10.0.0.0/8, haproxy.internal]}"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("listeners[0].trusted-proxies: \"haproxy.internal\" is not an IP address or network"
                        + " (e.g. 192.0.2.0/24, 2001:db8::/32, ::1)");
        assertThatThrownBy(() -> parse("listeners:\n  - {address: 127.0.0.1, port: 2525, proxy-protocol: true,"
                + " trusted-proxies: [10.0.0.1/8]}"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("listeners[0].trusted-proxies: \"10.0.0.1/8\": 10.0.0.1/8 has host bits set: the network"
                        + " is 10.0.0.0/8");
    }

    @Test
    void trustedProxiesWithoutProxyProtocolIsAMistakeNamedAsSuch() {
        assertThatThrownBy(() -> parse("listeners:\n  - {address: 127.0.0.1, port: 2525, trusted-proxies: [\"::1\"]}"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("listeners[0].trusted-proxies: only a listener with proxy-protocol: true reads a PROXY"
                        + " header; set proxy-protocol: true or remove trusted-proxies");
    }

    @Test
    void tlsAndAuthPluginSettingsPassThrough() throws Exception {
        ReferenceConfig config = parse(String.join("\n",
                "plugins:",
                "  starttls:",
                "    certificate: /etc/pillarbox/fullchain.pem",
                "    private-key: /etc/pillarbox/privkey.pem",
                "    require-tls: [submission]",
                "  auth:",
                "    users-file: /etc/pillarbox/users",
                "    require-auth: [submission]"));
        assertThat(config.server().plugins().get("starttls").string("certificate", null))
                .isEqualTo("/etc/pillarbox/fullchain.pem");
        assertThat(config.server().plugins().get("auth").list("require-auth", null)).containsExactly("submission");
    }
}
