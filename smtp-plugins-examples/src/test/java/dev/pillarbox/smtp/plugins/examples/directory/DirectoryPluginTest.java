package dev.pillarbox.smtp.plugins.examples.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.spi.Elements;
import dev.pillarbox.smtp.plugins.api.PluginSettings;
import dev.pillarbox.smtp.testing.SmtpTestClient;
import dev.pillarbox.smtp.testing.SmtpTestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DirectoryPluginTest {

    private static final String FILE = String.join("\n",
            "# recipients of example.org",
            "alice@example.org",
            "  Bob@Example.org   ",
            "",
            "sales@example.org: alice@example.org, carol@example.net",
            "alice@example.net",
            "");

    @TempDir
    Path dir;
    private Path file;
    private SmtpTestServer server;

    @BeforeEach
    void writeFile() throws IOException {
        file = Files.writeString(dir.resolve("recipients"), FILE);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private void start(boolean vrfy) {
        server = SmtpTestServer.start(new DirectoryPlugin().module(PluginSettings.of("recipient-directory",
                Map.of("file", file.toString(), "vrfy", vrfy))));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "<alice@example.org>     | 250 2.1.5 Recipient OK",
        "<ALICE@example.ORG>     | 250 2.1.5 Recipient OK",
        "<bob@example.org>       | 250 2.1.5 Recipient OK",
        "<sales@example.org>     | 250 2.1.5 Recipient OK",
        "<Postmaster>            | 250 2.1.5 Recipient OK",
        "<mallory@example.org>   | 550 5.1.1 No such user here",
        "<alice@example.com>     | 550 5.1.1 No such user here",
        "<carol@example.net>     | 550 5.1.1 No such user here",
    })
    void rcptIsAnsweredFromTheDirectory(String path, String reply) {
        start(false);
        try (SmtpTestClient client = server.afterEhlo()) {
            client.command("MAIL FROM:<x@example.com>");
            assertThat(client.command("RCPT TO:" + path).toString()).isEqualTo(reply);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "VRFY alice@example.org   | 250 2.1.5 <alice@example.org>",
        "VRFY <bob@example.org>   | 250 2.1.5 <Bob@Example.org>",
        "VRFY sales@example.org   | 250 2.1.5 <sales@example.org>",
        "VRFY bob                 | 250 2.1.5 <Bob@Example.org>",
        "VRFY alice               | 553 5.1.4 User ambiguous, give a full mailbox",
        "VRFY mallory             | 550 5.1.1 No such user here",
        "VRFY mallory@example.org | 550 5.1.1 No such user here",
        "VRFY                     | 501 5.5.4 VRFY needs a user name or mailbox",
    })
    void vrfyAnswersFromTheDirectoryWhenEnabled(String line, String reply) {
        start(true);
        try (SmtpTestClient client = server.afterEhlo()) {
            assertThat(client.command(line.strip()).toString()).isEqualTo(reply);
        }
    }

    @Test
    void vrfyWithAnUnparsableMailboxIs501() {
        start(true);
        try (SmtpTestClient client = server.afterEhlo()) {
            assertThat(client.command("VRFY a@@b").toString()).startsWith("501 5.5.4 Syntax error: ");
        }
    }

    @Test
    void vrfyIs252WhenDisabledSoAddressesCannotBeHarvested() {
        start(false);
        try (SmtpTestClient client = server.afterEhlo()) {
            assertThat(client.command("VRFY alice@example.org").code().value()).isEqualTo(252);
            assertThat(client.command("VRFY mallory@example.org").code().value()).isEqualTo(252);
        }
    }

    @Test
    void moduleDoesNotTouchTheFileInConfigure() {
        DirectoryModule module = new DirectoryModule(new DirectorySettings(dir.resolve("missing"), false));
        assertThat(Elements.getElements(module)).isNotEmpty(); // binding only: no exception for the missing file
    }

    @Test
    void missingFileFailsTheServerStartNamingTheKey() {
        file = dir.resolve("missing");
        assertThatThrownBy(() -> start(false))
                .hasStackTraceContaining("plugins.recipient-directory.file: cannot read " + file);
    }

    @Test
    void fileIsRequired() {
        assertThatThrownBy(() -> DirectorySettings.from(PluginSettings.empty("recipient-directory")))
                .hasMessage("plugins.recipient-directory.file is required, e.g. file: /etc/pillarbox/recipients");
    }
}
