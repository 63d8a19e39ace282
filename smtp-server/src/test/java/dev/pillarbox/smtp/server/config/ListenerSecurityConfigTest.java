package dev.pillarbox.smtp.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pillarbox.smtp.server.ListenerSettings;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The listener keys {@code tls} (implicit TLS, RFC 8314) and {@code proxy-protocol}, and the TLS/AUTH plugins. */
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
                .contains("behind-lb=smtp://127.0.0.1:2526 proxy-protocol");
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
                        + " proxy-protocol)");
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
