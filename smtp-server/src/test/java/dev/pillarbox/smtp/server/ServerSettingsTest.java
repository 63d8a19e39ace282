package dev.pillarbox.smtp.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pillarbox.smtp.plugins.api.PluginSettings;
import dev.pillarbox.smtp.plugins.api.Protocol;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServerSettingsTest {

    @Test
    void defaultsFollowTheRfcs() {
        ServerSettings settings = ServerSettings.defaults();
        assertThat(settings.maxRecipients()).isEqualTo(100);
        assertThat(settings.idleTimeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(settings.codecLimits().commandLine()).isEqualTo(512);
        assertThat(settings.codecLimits().textLine()).isEqualTo(1000);
        assertThat(settings.hardErrorLimit()).isEqualTo(10);
        assertThat(settings.junkCommandLimit()).isEqualTo(100);
        assertThat(settings.minDataRate()).isEqualTo(500);
        assertThat(settings.pipelining()).isEqualTo(PipeliningPolicy.REJECT);
        assertThat(settings.listeners()).containsExactly(ListenerSettings.loopback());
    }

    @Test
    void invalidValuesAreRefusedWithTheirName() {
        ServerSettings settings = ServerSettings.defaults();
        assertThatThrownBy(() -> settings.withMaxRecipients(0)).hasMessage("maxRecipients must be positive: 0");
        assertThatThrownBy(() -> settings.withIdleTimeout(Duration.ZERO)).hasMessage("idleTimeout must be positive: PT0S");
        assertThatThrownBy(() -> settings.withJunkCommandLimit(-1))
                .hasMessage("junkCommandLimit must not be negative: -1");
        assertThatThrownBy(() -> settings.withMinDataRate(-1)).hasMessage("minDataRate must not be negative: -1");
        assertThat(settings.withJunkCommandLimit(0).junkCommandLimit()).as("0: no limit").isZero();
        assertThat(settings.withMinDataRate(0).minDataRate()).as("0: off").isZero();
        assertThatThrownBy(() -> settings.withHostname("mx example"))
                .hasMessage("hostname must be a non-empty ASCII name without spaces: \"mx example\"");
        assertThatThrownBy(() -> settings.withListeners(List.of()))
                .hasMessage("at least one listener is needed");
        ListenerSettings a = ListenerSettings.loopback();
        assertThatThrownBy(() -> settings.withListeners(List.of(a, a.withProtocol(Protocol.LMTP))))
                .hasMessage("two listeners are named smtp");
        assertThatThrownBy(() -> new ListenerSettings("x", InetAddress.getLoopbackAddress(), 70000, Protocol.SMTP))
                .hasMessage("listener x: port 70000 is not in 0..65535");
    }

    @Test
    void pluginsAreEnabledOrDisabledByName() {
        ServerSettings settings = ServerSettings.defaults().withPlugin(PluginSettings.empty("greylist"));
        assertThat(settings.plugins()).containsKey("greylist");
        ServerSettings disabled = settings.withPluginDisabled("greylist");
        assertThat(disabled.plugins()).isEmpty();
        assertThat(disabled.disabledPlugins()).containsExactly("greylist");
    }
}
