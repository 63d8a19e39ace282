package dev.pillarbox.milter.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pillarbox.smtp.milter.FilterConfig;
import dev.pillarbox.smtp.milter.testing.OpenDkim;
import dev.pillarbox.smtp.milter.testing.PyMilter;
import dev.pillarbox.smtp.testing.RecordingMessageStore.StoredMessage;
import dev.pillarbox.smtp.testing.SmtpTestClient;
import dev.pillarbox.smtp.testing.SmtpTestServer;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plugin in a real server in front of a private OpenDKIM in signing mode: the stored message carries the
 * DKIM-Signature OpenDKIM asked for, right below the server's trace field, and it verifies with Debian's
 * python3-dkim against the test key (DNS answered from the key's record file); a changed body does not.
 */
class OpenDkimPluginTest {

    @TempDir
    static Path dir;

    private static OpenDkim opendkim;
    private static SmtpTestServer server;

    @BeforeAll
    static void start() throws Exception {
        opendkim = OpenDkim.start(dir);
        server = SmtpTestServer.builder().modules(new MilterModule(MilterSettings.of(List.of(
                FilterConfig.builder(opendkim.socket()).build())))).start();
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (server != null) {
                server.close();
            }
        } finally {
            if (opendkim != null) {
                opendkim.close();
            }
        }
    }

    private static final String MESSAGE = "From: Alice <alice@example.org>\r\n"
            + "To: Bob <bob@example.net>\r\n"
            + "Subject: Signed by OpenDKIM through Pillarbox\r\n"
            + "Date: Mon, 07 Dec 2026 10:00:00 +0000\r\n"
            + "Message-ID: <dkim-plugin-test@example.org>\r\n"
            + "\r\n"
            + "Hello Bob,\r\n"
            + "\r\n"
            + ".a line that is dot-stuffed on the wire\r\n"
            + "this body is signed.\r\n";

    @Test
    void theStoredMessageCarriesASignatureThatVerifies() throws Exception {
        try (SmtpTestClient c = server.afterEhlo()) {
            c.command("MAIL FROM:<alice@example.org>");
            c.command("RCPT TO:<bob@example.net>");
            assertThat(c.data(MESSAGE).code().value()).as("%s", opendkim.log()).isEqualTo(250);
        }
        StoredMessage stored = server.store().awaitMessages(1, Duration.ofSeconds(10)).get(0);
        String content = stored.contentAsString();
        assertThat(content).as("%s", opendkim.log()).startsWith("Received: ").contains("\r\nDKIM-Signature: ")
                .endsWith("\r\n" + MESSAGE);
        // the trace field stays first; OpenDKIM's index 0 puts the signature right below it
        assertThat(content.substring(content.indexOf("\r\n", content.indexOf("; ")) + 2))
                .startsWith("DKIM-Signature: ");
        assertThat(verify(stored.content())).isEqualTo("verified");
        byte[] tampered = content.replace("this body is signed", "this body is forged")
                .getBytes(StandardCharsets.US_ASCII);
        assertThat(verify(tampered)).startsWith("not verified");
    }

    /** python3-dkim's verdict on {@code message}, with DNS answered from the test key's record. */
    private static String verify(byte[] message) throws Exception {
        Path script = dir.resolve("dkim_verify.py");
        if (!Files.exists(script)) {
            try (InputStream in = OpenDkimPluginTest.class.getResourceAsStream("/milter/dkim_verify.py")) {
                Files.copy(in, script);
            }
        }
        Process p = new ProcessBuilder(PyMilter.PYTHON, script.toString(),
                OpenDkim.SELECTOR + "._domainkey." + OpenDkim.DOMAIN, opendkim.record().toString())
                .redirectErrorStream(true).start();
        p.getOutputStream().write(message);
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return out;
    }
}
