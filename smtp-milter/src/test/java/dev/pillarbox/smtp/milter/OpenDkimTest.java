package dev.pillarbox.smtp.milter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.pillarbox.smtp.milter.testing.OpenDkim;
import dev.pillarbox.smtp.milter.testing.PyMilter;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The library against a private OpenDKIM in signing mode: the end of message adds a DKIM-Signature, and the
 * message with the change applied verifies with Debian's python3-dkim against the test key.
 */
class OpenDkimTest {

    @TempDir
    static Path dir;

    private static MilterClient client;
    private static OpenDkim opendkim;

    @BeforeAll
    static void start() throws Exception {
        client = new MilterClient();
        opendkim = OpenDkim.start(dir);
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (opendkim != null) {
                opendkim.close();
            }
        } finally {
            client.close();
        }
    }

    private static final String MESSAGE = "From: Alice <alice@example.org>\r\n"
            + "To: Bob <bob@example.net>\r\n"
            + "Subject: Signed by OpenDKIM\r\n"
            + "Date: Mon, 07 Dec 2026 10:00:00 +0000\r\n"
            + "Message-ID: <dkim-test@example.org>\r\n"
            + "\r\n"
            + "Hello Bob,\r\n"
            + "\r\n"
            + ".. a line that was dot-stuffed on the wire\r\n"
            + "this body is signed.\r\n";

    @Test
    void theSignatureOpenDkimAddsVerifiesOverTheChangedMessage() throws Exception {
        EndOfMessage eom;
        try (MilterSession s = client.open(FilterConfig.builder(opendkim.socket()).build(),
                MacroLookup.of(Map.of("i", "4DKIM01", "j", "mx.pillarbox.test", "{daemon_name}", "pillarbox")))) {
            assertThat(s.connect(ConnectInfo.of(new InetSocketAddress("127.0.0.1", 40001), "localhost")))
                    .isEqualTo(Decision.CONTINUE);
            assertThat(s.helo("localhost").proceeds()).isTrue();
            assertThat(s.mail("<alice@example.org>", List.of()).proceeds()).isTrue();
            assertThat(s.rcpt("<bob@example.net>", List.of()).proceeds()).isTrue();
            assertThat(s.data().proceeds()).isTrue();
            eom = s.message(MessageContent.parse(MESSAGE.getBytes(StandardCharsets.US_ASCII)));
        }
        assertThat(eom.decision().proceeds()).as("%s\n%s", eom, opendkim.log()).isTrue();
        assertThat(eom.modifications()).as("%s", opendkim.log()).hasSize(1);
        Modification change = eom.modifications().get(0);
        assertThat(change).isInstanceOf(Modification.InsertHeader.class);
        assertThat(((Modification.InsertHeader) change).index()).as("OpenDKIM inserts at the top").isZero();
        HeaderField signature = ((Modification.InsertHeader) change).field();
        assertThat(signature.name()).isEqualTo("DKIM-Signature");
        assertThat(signature.unfoldedValue()).contains("d=example.org", "s=test", "a=rsa-sha256", "c=relaxed/simple");

        byte[] signed = MessageContent.parse(MESSAGE.getBytes(StandardCharsets.US_ASCII)).apply(change).toBytes();
        assertThat(new String(signed, StandardCharsets.US_ASCII)).startsWith("DKIM-Signature:");
        assertThat(verify(signed)).isEqualTo("verified");
        // and the check is real: a changed body no longer verifies
        byte[] tampered = new String(signed, StandardCharsets.US_ASCII).replace("this body is signed", "this body is forged")
                .getBytes(StandardCharsets.US_ASCII);
        assertThat(verify(tampered)).startsWith("not verified");
    }

    /** python3-dkim's verdict on {@code message}, with DNS answered from the test key's record. */
    private static String verify(byte[] message) throws Exception {
        Path script = dir.resolve("dkim_verify.py");
        if (!Files.exists(script)) {
            try (InputStream in = OpenDkimTest.class.getResourceAsStream("/milter/dkim_verify.py")) {
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
