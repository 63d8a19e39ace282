package dev.pillarbox.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile mail, sent over SMTP: the API keeps answering, and what the mail says comes back as escaped JSON text
 * (never as markup); the browser test shows the page stays usable with the same mail.
 */
class WebInboxHostileMailTest {

    static final String HTML_SUBJECT = "<script>top.postMessage('subject','*')</script>"
            + "<img src=x onerror=\"top.postMessage('subject-img','*')\">";

    @TempDir
    Path dir;

    private Catcher catcher;

    @BeforeEach
    void start() throws Exception {
        catcher = Catcher.start(dir);
    }

    @AfterEach
    void stop() {
        catcher.close();
    }

    @Test
    void htmlInHeadersComesBackAsEscapedText() throws Exception {
        catcher.send("From: \"<b>Mallory</b>\" <mallory@example.org>\r\n"
                + "To: <img src=x onerror=alert(1)>@example.net\r\n"
                + "Subject: " + HTML_SUBJECT + "\r\n"
                + "\r\nbody\r\n");
        HttpResponse<String> list = catcher.get("/api/messages");
        // the JSON text has no markup at all: < > & are \\u escapes, so it is inert even where it is misused
        assertThat(list.body()).doesNotContain("<", ">").contains("\\u003cscript\\u003e");
        JsonNode m = Catcher.JSON.readTree(list.body()).get("messages").get(0);
        assertThat(m.get("subject").asText()).isEqualTo(HTML_SUBJECT);
        assertThat(m.get("from").asText()).isEqualTo("\"<b>Mallory</b>\" <mallory@example.org>");
        HttpResponse<String> view = catcher.get("/api/messages/" + m.get("id").asText());
        assertThat(view.statusCode()).isEqualTo(200);
        assertThat(view.body()).doesNotContain("<", ">");
    }

    @Test
    void aTenThousandPartMessageIsListedCappedAndEveryPartStaysReachable() throws Exception {
        StringBuilder mail = new StringBuilder("From: parts@example.org\r\nTo: bob@example.net\r\n"
                + "Subject: ten thousand parts\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n");
        for (int i = 0; i < 10_000; i++) {
            mail.append("--b\r\nContent-Type: text/plain\r\nContent-Disposition: attachment; filename=\"p")
                    .append(i).append(".txt\"\r\n\r\npart ").append(i).append("\r\n");
        }
        mail.append("--b--\r\n");
        catcher.send(mail.toString());

        long started = System.nanoTime();
        JsonNode m = catcher.json("/api/messages/" + catcher.idOf("ten thousand parts"));
        assertThat(m.get("partCount").asInt()).isEqualTo(10_000);
        assertThat(m.get("parts").size()).isEqualTo(MimeReader.MAX_LISTED_PARTS);
        assertThat(m.get("problem").isNull()).isTrue();
        assertThat(System.nanoTime() - started).as("view time").isLessThan(10_000_000_000L);
        assertThat(catcher.messages().get(0).get("attachments").asInt()).isEqualTo(MimeReader.MAX_LISTED_PARTS);
        HttpResponse<String> last = catcher.get("/api/messages/" + m.get("id").asText() + "/parts/9999");
        assertThat(last.body()).isEqualTo("part 9999");
    }

    @Test
    void aBrokenBoundaryStillShowsTheMessage() throws Exception {
        catcher.send("From: broken@example.org\r\nTo: bob@example.net\r\nSubject: broken boundary\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"declared\"\r\n\r\n"
                + "--other\r\nContent-Type: text/plain\r\n\r\nlost in the preamble\r\n"
                + "--declared\r\nContent-Type: text/plain\r\n\r\nthe only part, never closed\r\n");
        JsonNode m = catcher.json("/api/messages/" + catcher.idOf("broken boundary"));
        assertThat(m.get("partCount").asInt()).isEqualTo(1);
        assertThat(m.get("text").get("content").asText()).contains("the only part, never closed");
    }

    @Test
    void aBoundaryThatNeverAppearsLeavesAnEmptyButUsableView() throws Exception {
        catcher.send("From: broken@example.org\r\nTo: bob@example.net\r\nSubject: no boundary at all\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: multipart/mixed\r\n\r\njust text\r\n");
        JsonNode m = catcher.json("/api/messages/" + catcher.idOf("no boundary at all"));
        assertThat(m.get("subject").asText()).isEqualTo("no boundary at all");
    }

    @Test
    void nonUtf8CharsetsAreDecodedAndUnknownOnesStillShow() throws Exception {
        ByteArrayOutputStream latin = new ByteArrayOutputStream();
        latin.writeBytes(("From: latin@example.org\r\nTo: bob@example.net\r\n"
                + "Subject: =?ISO-8859-1?Q?caf=E9?=\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=iso-8859-1\r\nContent-Transfer-Encoding: 8bit\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        latin.writeBytes("Gr\u00fc\u00dfe, caf\u00e9 cr\u00e8me\r\n".getBytes(StandardCharsets.ISO_8859_1));
        catcher.send(latin.toByteArray());
        JsonNode m = catcher.json("/api/messages/" + catcher.idOf("caf\u00e9"));
        assertThat(m.get("text").get("content").asText()).isEqualTo("Gr\u00fc\u00dfe, caf\u00e9 cr\u00e8me\r\n");
        assertThat(m.get("text").get("charset").asText()).isEqualTo("ISO-8859-1");

        ByteArrayOutputStream unknown = new ByteArrayOutputStream();
        unknown.writeBytes(("From: odd@example.org\r\nTo: bob@example.net\r\nSubject: raw \u00e9 bytes\r\n"
                + "Content-Type: text/plain; charset=x-no-such-charset\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        unknown.writeBytes(new byte[] {'a', (byte) 0xff, (byte) 0xfe, 'b', '\r', '\n'});
        catcher.send(unknown.toByteArray());
        // a Latin-1 byte in a header is not UTF-8 (RFC 6532): it shows as U+FFFD, the rest stays
        JsonNode odd = catcher.json("/api/messages/" + catcher.idOf("raw \ufffd bytes"));
        assertThat(odd.get("text").get("content").asText()).isEqualTo("a\u00ff\u00feb\r\n");
    }
}
