package dev.pillarbox.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pillarbox.smtp.plugins.api.Protocol;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ListenAddressTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            127.0.0.1:2525          | 127.0.0.1   | 2525 | SMTP | 127.0.0.1:2525
            [::1]:2525              | ::1         | 2525 | SMTP | [::1]:2525
            localhost:25            | localhost   | 25   | SMTP | localhost:25
            0.0.0.0:0               | 0.0.0.0     | 0    | SMTP | 0.0.0.0:0
            smtp://192.0.2.1:587    | 192.0.2.1   | 587  | SMTP | 192.0.2.1:587
            LMTP://[2001:db8::1]:24 | 2001:db8::1 | 24   | LMTP | lmtp://[2001:db8::1]:24
            """)
    void parsesHostPortWithOptionalProtocol(String text, String host, int port, Protocol protocol, String shown) {
        ListenAddress address = ListenAddress.parse(text);
        assertThat(address).isEqualTo(new ListenAddress(host, port, protocol));
        assertThat(address.toString()).isEqualTo(shown);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"127.0.0.1", ":25", "127.0.0.1:", "::1:25", "[::1]25", "[::1", "host:port", "h:65536",
            "h:123456", "h:-1"})
    void rejectsWhatIsNotHostColonPort(String text) {
        assertThatThrownBy(() -> ListenAddress.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("\"" + text + "\" is not a listen address (use HOST:PORT, e.g. 127.0.0.1:2525 or "
                        + "[::1]:2525, optionally prefixed smtp:// or lmtp://)");
    }
}
