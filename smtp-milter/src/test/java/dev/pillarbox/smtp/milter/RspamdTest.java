package dev.pillarbox.smtp.milter;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import dev.pillarbox.smtp.milter.testing.Rspamd;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.pillarbox.smtp.core.Reply;

/** The library against a private rspamd in milter mode: GTUBE is rejected with rspamd's reply, clean mail gets
 * rspamd's headers. One rspamd for the class: its first start takes 10-16 s. */
class RspamdTest {

    static final String GTUBE = "XJS*C4JDBQADN1.NSBN3*2IDNEN*GTUBE-STANDARD-ANTI-UBE-TEST-EMAIL*C.34X";

    @TempDir
    static Path dir;

    private static MilterClient client;
    private static Rspamd rspamd;

    @BeforeAll
    static void start() throws Exception {
        client = new MilterClient();
        rspamd = Rspamd.start(dir, client);
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (rspamd != null) {
                rspamd.close();
            }
        } finally {
            client.close();
        }
    }

    static MessageContent message(String subject, String body) {
        return MessageContent.parse(("From: Alice <alice@example.org>\r\n"
                + "To: Bob <bob@example.net>\r\n"
                + "Subject: " + subject + "\r\n"
                + "Date: " + DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC)) + "\r\n"
                + "Message-ID: <" + subject.hashCode() + "@example.org>\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=us-ascii\r\n"
                + "\r\n" + body).getBytes(StandardCharsets.US_ASCII));
    }

    /** One message through rspamd as Pillarbox will send it: connect ... end of message. */
    static EndOfMessage scan(MilterSession s, MessageContent message) throws Exception {
        assertThat(s.connect(ConnectInfo.of(new InetSocketAddress("127.0.0.1", 40000), "localhost")).proceeds()).isTrue();
        assertThat(s.helo("client.example.org").proceeds()).isTrue();
        assertThat(s.mail("<alice@example.org>", List.of()).proceeds()).isTrue();
        assertThat(s.rcpt("<bob@example.net>", List.of()).proceeds()).isTrue();
        assertThat(s.data().proceeds()).isTrue();
        return s.message(message);
    }

    private static MilterSession open() {
        return client.open(FilterConfig.builder(rspamd.socket()).build(),
                MacroLookup.of(Map.of("i", "4ABC123", "j", "mx.pillarbox.test", "{daemon_name}", "pillarbox")));
    }

    @Test
    void gtubeIsRejectedWithRspamdsReply() throws Exception {
        try (MilterSession s = open()) {
            EndOfMessage eom = scan(s, message("GTUBE", "This is a test.\r\n" + GTUBE + "\r\n"));
            assertThat(eom.decision()).isEqualTo(new Decision.Reject(Reply.of(554, "5.7.1", "Gtube pattern")));
        }
    }

    @Test
    void cleanMailIsAcceptedWithRspamdsHeaders() throws Exception {
        EndOfMessage eom;
        try (MilterSession s = open()) {
            eom = scan(s, message("Lunch", "Shall we meet for lunch on Tuesday?\r\n"));
            // rspamd asks for no reply to any event but the end of message, and gets none
            assertThat(s.negotiation().orElseThrow().options()).contains(ProtocolOption.NO_REPLY_CONNECT,
                    ProtocolOption.NO_REPLY_HELO, ProtocolOption.NO_REPLY_MAIL, ProtocolOption.NO_REPLY_RCPT,
                    ProtocolOption.NO_REPLY_DATA, ProtocolOption.NO_REPLY_HEADER,
                    ProtocolOption.NO_REPLY_END_OF_HEADERS, ProtocolOption.NO_REPLY_BODY);
        }
        assertThat(eom.decision()).as("%s", eom).isEqualTo(Decision.ACCEPT);
        MessageContent edited = message("Lunch", "Shall we meet for lunch on Tuesday?\r\n");
        for (Modification m : eom.modifications()) {
            edited = edited.apply(m);
        }
        assertThat(edited.headers("X-Rspamd-Action")).extracting(HeaderField::unfoldedValue)
                .containsExactly("no action");
        assertThat(edited.headers("X-Spam-Status")).extracting(HeaderField::unfoldedValue).singleElement()
                .asString().startsWith("No, score=");
        assertThat(edited.headers("X-Spamd-Result")).extracting(HeaderField::unfoldedValue).singleElement()
                .asString().startsWith("default: False [").contains("MIME_GOOD");
        // rspamd inserts Authentication-Results below the MTA's own Received field (index 1), with {daemon_name} as authserv-id
        assertThat(eom.modifications()).contains(new Modification.InsertHeader(1,
                HeaderField.of("Authentication-Results", " pillarbox;\r\n\tnone")));
        assertThat(edited.headers().get(1).name()).isEqualTo("Authentication-Results");
    }
}
