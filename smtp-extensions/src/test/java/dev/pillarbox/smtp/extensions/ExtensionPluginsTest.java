package dev.pillarbox.smtp.extensions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pillarbox.smtp.extensions.enhancedstatuscodes.EnhancedStatusCodesModule;
import dev.pillarbox.smtp.extensions.size.SizeModule;
import dev.pillarbox.smtp.plugins.api.PluginSettings;
import dev.pillarbox.smtp.plugins.api.SmtpPlugin;
import dev.pillarbox.smtp.server.PluginDiscovery;
import dev.pillarbox.smtp.testing.SmtpTestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The extensions are found with ServiceLoader under their configuration names. */
class ExtensionPluginsTest {

    @Test
    void everyExtensionIsDiscoveredAndAllButLmtpAreOnByDefault() {
        Map<String, SmtpPlugin> available = PluginDiscovery.available(getClass().getClassLoader());
        assertThat(available).containsKeys(ExtensionTesting.PLUGINS.toArray(String[]::new));
        for (String name : ExtensionTesting.PLUGINS) {
            SmtpPlugin plugin = available.get(name);
            assertThat(plugin.enabledByDefault()).as(name).isEqualTo(!name.equals("lmtp"));
            assertThat(plugin.description()).as(name).isNotBlank();
            assertThat(plugin.module(PluginSettings.empty(name))).as(name).isNotNull();
        }
    }

    @Test
    void allOnGivesEveryKeywordOnce() {
        try (SmtpTestServer server = ExtensionTesting.serverWithout()) {
            assertThat(ExtensionTesting.ehloKeywords(server)).containsSubsequence("PIPELINING")
                    .contains("SIZE 10485760", "8BITMIME", "SMTPUTF8", "ENHANCEDSTATUSCODES", "CHUNKING",
                            "BINARYMIME", "DSN")
                    .doesNotHaveDuplicates();
        }
    }

    // an application may install a module the discovery also installs: Guice installs equal modules once
    @Test
    void moduleInstalledTwiceCountsOnce() {
        try (SmtpTestServer server = SmtpTestServer.builder().enhancedStatusCodes(false)
                .settings(s -> s.discoverPlugins(true))
                .modules(new SizeModule(), new EnhancedStatusCodesModule()).start()) {
            List<String> keywords = ExtensionTesting.ehloKeywords(server);
            assertThat(keywords).doesNotHaveDuplicates().contains("SIZE 10485760", "ENHANCEDSTATUSCODES");
        }
    }

    // each extension alone: switched off, its keyword goes and every other one stays (chunking takes binarymime
    // with it, RFC 3030 3)
    @ParameterizedTest(name = "{0} off")
    @CsvSource(delimiter = '|', value = {
        "size|SIZE 10485760",
        "8bitmime|8BITMIME",
        "smtputf8|SMTPUTF8",
        "enhancedstatuscodes|ENHANCEDSTATUSCODES",
        "binarymime|BINARYMIME",
        "chunking binarymime|CHUNKING,BINARYMIME",
        "dsn|DSN"})
    void eachExtensionSwitchedOffAloneTakesOnlyItsKeyword(String disabled, String keywords) {
        List<String> all = List.of("SIZE 10485760", "8BITMIME", "SMTPUTF8", "ENHANCEDSTATUSCODES", "CHUNKING",
                "BINARYMIME", "DSN");
        List<String> gone = List.of(keywords.split(","));
        List<String> kept = new ArrayList<>(all);
        kept.removeAll(gone);
        try (SmtpTestServer server = ExtensionTesting.serverWithout(disabled.split(" "))) {
            assertThat(ExtensionTesting.ehloKeywords(server)).containsAll(kept).doesNotContainAnyElementsOf(gone);
        }
    }
}
