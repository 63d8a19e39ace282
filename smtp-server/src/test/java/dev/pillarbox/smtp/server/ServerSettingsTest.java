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
        assertThatThrownBy(() -> settings.toBuilder().maxRecipients(0).build()).hasMessage("maxRecipients must be positive: 0");
        assertThatThrownBy(() -> settings.toBuilder().idleTimeout(Duration.ZERO).build()).hasMessage("idleTimeout must be positive: PT0S");
        assertThatThrownBy(() -> settings.toBuilder().junkCommandLimit(-1).build())
                .hasMessage("junkCommandLimit must not be negative: -1");
        assertThatThrownBy(() -> settings.toBuilder().minDataRate(-1).build()).hasMessage("minDataRate must not be negative: -1");
        assertThat(settings.toBuilder().junkCommandLimit(0).build().junkCommandLimit()).as("0: no limit").isZero();
        assertThat(settings.toBuilder().minDataRate(0).build().minDataRate()).as("0: off").isZero();
        assertThatThrownBy(() -> settings.toBuilder().hostname("mx example").build())
                .hasMessage("hostname must be a non-empty ASCII name without spaces: \"mx example\"");
        assertThatThrownBy(() -> settings.toBuilder().listeners(List.of()).build())
                .hasMessage("at least one listener is needed");
        ListenerSettings a = ListenerSettings.loopback();
        assertThatThrownBy(() -> settings.toBuilder().listeners(List.of(a, a.withProtocol(Protocol.LMTP))).build())
                .hasMessage("two listeners are named smtp");
        assertThatThrownBy(() -> new ListenerSettings("x", InetAddress.getLoopbackAddress(), 70000, Protocol.SMTP))
                .hasMessage("listener x: port 70000 is not in 0..65535");
    }

    @Test
    void aBuilderFromSettingsChangesOnlyWhatItIsTold() {
        ServerSettings settings = ServerSettings.builder().hostname("mx.example").maxMessageSize(1000)
                .connectionLimits(10, 2).plugin(PluginSettings.empty("greylist")).build();
        assertThat(settings.toBuilder().build()).isEqualTo(settings);
        ServerSettings changed = settings.toBuilder().idleTimeout(Duration.ofSeconds(30)).build();
        assertThat(changed.idleTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(changed.toBuilder().idleTimeout(settings.idleTimeout()).build()).isEqualTo(settings);
        assertThat(settings.codecLimits().maxMessageSize()).isEqualTo(1000);
        assertThat(settings.maxConnectionsPerClient()).isEqualTo(2);
    }

    @Test
    void pluginsAreEnabledOrDisabledByName() {
        ServerSettings settings = ServerSettings.builder().plugin(PluginSettings.empty("greylist")).build();
        assertThat(settings.plugins()).containsKey("greylist");
        ServerSettings disabled = settings.toBuilder().pluginDisabled("greylist").build();
        assertThat(disabled.plugins()).isEmpty();
        assertThat(disabled.disabledPlugins()).containsExactly("greylist");
    }
}
