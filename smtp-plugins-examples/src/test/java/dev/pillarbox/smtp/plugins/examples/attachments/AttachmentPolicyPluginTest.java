package dev.pillarbox.smtp.plugins.examples.attachments;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pillarbox.smtp.core.Reply;
import dev.pillarbox.smtp.plugins.api.PluginSettings;
import dev.pillarbox.smtp.testing.SmtpServerExtension;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The attachment policy in a real server, through the testing module's JUnit extension. */
class AttachmentPolicyPluginTest {

    @RegisterExtension
    static final SmtpServerExtension SMTP = SmtpServerExtension.withModules(new AttachmentPolicyModule(
            AttachmentPolicySettings.from(PluginSettings.of("attachment-policy",
                    Map.of("banned-types", List.of("application/x-msdownload", "application/java-archive"))))))
            .perClass();

    private static String multipart(String... parts) {
        StringBuilder out = new StringBuilder("From: a@example.org\r\nSubject: files\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"b1\"\r\n\r\npreamble\r\n");
        for (String part : parts) {
            out.append("--b1\r\n").append(part).append("\r\n");
        }
        return out.append("--b1--\r\n").toString();
    }

    private static String text() {
        return "Content-Type: text/plain; charset=us-ascii\r\n\r\nHello, see attached.\r\n";
    }

    private static String file(String type, String disposition) {
        return "Content-Type: " + type + "\r\nContent-Disposition: " + disposition
                + "\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                + Base64.getMimeEncoder().encodeToString(new byte[300]) + "\r\n";
    }

    private Reply send(String message) {
        return SMTP.inTransaction().data(message);
    }

    @Test
    void allowedAttachmentsAreListedInAHeaderField() throws Exception {
        Reply reply = send(multipart(text(), file("application/pdf; name=\"report.pdf\"",
                "attachment; filename=\"report.pdf\""), file("image/png", "inline; filename=logo.png")));
        assertThat(reply.code().value()).isEqualTo(250);
        String body = SMTP.messages().get(0).body();
        assertThat(body.substring(0, body.indexOf("\r\n\r\n") + 2))
                .endsWith("X-Attachments: report.pdf, logo.png\r\n");
        assertThat(body).contains("Hello, see attached.");
    }

    @Test
    void aBannedExtensionIsRefused554() {
        Reply reply = send(multipart(text(), file("application/octet-stream", "attachment; filename=\"Invoice.EXE\"")));
        assertThat(reply.code().value()).isEqualTo(554);
        assertThat(reply.toString()).contains("5.7.1").contains("Invoice.EXE");
        assertThat(SMTP.messages()).isEmpty();
    }

    @Test
    void aBannedTypeIsRefusedWhateverItsName() {
        Reply reply = send(multipart(text(), file("application/java-archive", "attachment; filename=tool.zip")));
        assertThat(reply.code().value()).isEqualTo(554);
        assertThat(SMTP.messages()).isEmpty();
    }

    @Test
    void aNestedAttachmentIsFoundToo() {
        String inner = "Content-Type: multipart/alternative; boundary=\"b2\"\r\n\r\n--b2\r\n" + text()
                + "\r\n--b2\r\n" + file("application/x-msdownload", "attachment") + "\r\n--b2--\r\n";
        assertThat(send(multipart(text(), inner)).code().value()).isEqualTo(554);
    }

    @Test
    void aMessageWithoutAttachmentsIsNotStamped() {
        assertThat(send("Subject: plain\r\n\r\njust text\r\n").code().value()).isEqualTo(250);
        assertThat(SMTP.messages().get(0).body()).isEqualTo("Subject: plain\r\n\r\njust text\r\n");
    }

    @Test
    void aStructureBeyondTheLimitsIsRefusedNotDeferred() {
        StringBuilder nested = new StringBuilder();
        for (int depth = 0; depth < 30; depth++) {
            nested.append("Content-Type: multipart/mixed; boundary=\"n").append(depth).append("\"\r\n\r\n--n")
                    .append(depth).append("\r\n");
        }
        Reply reply = send("Subject: bomb\r\nMIME-Version: 1.0\r\n" + nested + "x\r\n");
        assertThat(reply.code().value()).isEqualTo(554);
        assertThat(reply.toString()).contains("5.6.0");
    }

    @Test
    void theFileNameInAReplyIsPrintableAscii() {
        assertThat(AttachmentPolicy.printable("a\r\nb\u00e9.exe")).isEqualTo("a??b?.exe");
    }
}
