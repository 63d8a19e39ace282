package dev.pillarbox.milter.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pillarbox.smtp.milter.DefaultAction;
import dev.pillarbox.smtp.milter.FilterConfig;
import dev.pillarbox.smtp.milter.MacroStage;
import dev.pillarbox.smtp.plugins.api.PluginSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code plugins.milter} read from the configuration's values, and every bad value refused with its name. */
class MilterSettingsTest {

    private static MilterSettings read(Map<String, ?> values) {
        return MilterSettings.from(PluginSettings.of("milter", values));
    }

    @Test
    void filtersInOrderWithTheirSettings() {
        MilterSettings s = read(Map.of("filters", List.of(
                Map.of("socket", "inet:127.0.0.1:11332", "default-action", "tempfail", "command-timeout", "10s",
                        "content-timeout", "2m", "connect-timeout", "500ms"),
                Map.of("socket", "unix:/run/opendkim/opendkim.sock", "default-action", "accept",
                        "macros", Map.of("mail", "i {auth_authen}", "connect", List.of("j", "{daemon_name}")),
                        "max-replaced-body", "1m"))));
        assertThat(s.filters()).hasSize(2);
        FilterConfig rspamd = s.filters().get(0);
        assertThat(rspamd.name()).isEqualTo("inet:127.0.0.1:11332");
        assertThat(rspamd.defaultAction()).isEqualTo(DefaultAction.TEMPFAIL);
        assertThat(rspamd.commandTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(rspamd.contentTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(rspamd.connectTimeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(rspamd.macros().names(MacroStage.MAIL)).isEqualTo(MacroStage.MAIL.postfixDefaults());
        FilterConfig dkim = s.filters().get(1);
        assertThat(dkim.defaultAction()).isEqualTo(DefaultAction.ACCEPT);
        assertThat(dkim.macros().names(MacroStage.MAIL)).containsExactly("i", "{auth_authen}");
        assertThat(dkim.macros().names(MacroStage.CONNECT)).containsExactly("j", "{daemon_name}");
        assertThat(dkim.maxReplacedBody()).isEqualTo(1L << 20);
        assertThat(dkim.commandTimeout()).isEqualTo(Duration.ofSeconds(30)); // Postfix's default
    }

    static Stream<Arguments> badSettings() {
        return Stream.of(
                Arguments.of(Map.of(), "plugins.milter.filters: missing"),
                Arguments.of(Map.of("filter", List.of()), "plugins.milter: unknown key 'filter' (known: filters)"),
                Arguments.of(Map.of("filters", "inet:127.0.0.1:11332"),
                        "plugins.milter.filters: expected a list of filters"),
                Arguments.of(Map.of("filters", List.of()), "plugins.milter.filters: expected a list of filters"),
                Arguments.of(Map.of("filters", List.of("inet:127.0.0.1:11332")),
                        "plugins.milter.filters[0]: expected the filter's settings"),
                Arguments.of(Map.of("filters", List.of(Map.of("default-action", "accept"))),
                        "plugins.milter.filters[0].socket: missing"),
                Arguments.of(Map.of("filters", List.of(Map.of("socket", "tcp:localhost"))),
                        "plugins.milter.filters[0].socket: "),
                Arguments.of(Map.of("filters", List.of(Map.of("socket", "inet:127.0.0.1:1"),
                        Map.of("socket", "inet:127.0.0.1:2", "default-action", "maybe"))),
                        "plugins.milter.filters[1].default-action: unknown milter default action \"maybe\""),
                Arguments.of(Map.of("filters", List.of(Map.of("socket", "inet:127.0.0.1:1", "command-timeout",
                        "soon"))), "plugins.milter.filters[0].command-timeout: \"soon\" is not a duration"),
                Arguments.of(Map.of("filters", List.of(Map.of("socket", "inet:127.0.0.1:1", "content-timeout",
                        "0s"))), "plugins.milter.filters[0].content-timeout: must be more than 0"),
                Arguments.of(Map.of("filters", List.of(Map.of("socket", "inet:127.0.0.1:1", "timeout", "1s"))),
                        "plugins.milter.filters[0]: unknown key 'timeout' (known: command-timeout, connect-timeout"),
                Arguments.of(Map.of("filters", List.of(Map.of("socket", "inet:127.0.0.1:1", "macros",
                        Map.of("envelope", "i")))), "plugins.milter.filters[0].macros: unknown stage 'envelope'"),
                Arguments.of(Map.of("filters", List.of(Map.of("socket", "inet:127.0.0.1:1", "macros",
                        Map.of("mail", "i {broken")))), "plugins.milter.filters[0].macros.mail: "),
                Arguments.of(Map.of("filters", List.of(Map.of("socket", "inet:127.0.0.1:1", "macros", "i"))),
                        "plugins.milter.filters[0].macros: expected names per stage"),
                Arguments.of(Map.of("filters", List.of(Map.of("socket", "inet:127.0.0.1:1", "max-replaced-body",
                        "lots"))), "plugins.milter.filters[0].max-replaced-body: \"lots\" is not a number"));
    }

    @ParameterizedTest
    @MethodSource("badSettings")
    void badSettingsAreRefusedWithTheirName(Map<String, ?> values, String message) {
        assertThatThrownBy(() -> read(values)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void thePluginIsFoundByItsName() {
        var plugins = java.util.ServiceLoader.load(dev.pillarbox.smtp.plugins.api.SmtpPlugin.class).stream()
                .map(java.util.ServiceLoader.Provider::get).filter(p -> p.name().equals("milter")).toList();
        assertThat(plugins).hasSize(1);
        assertThat(plugins.get(0).enabledByDefault()).isFalse();
        assertThatThrownBy(() -> plugins.get(0).module(PluginSettings.empty("milter")))
                .hasMessageStartingWith("plugins.milter.filters: missing");
    }
}
