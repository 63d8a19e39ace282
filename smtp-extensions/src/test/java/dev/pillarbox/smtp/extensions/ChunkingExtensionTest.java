package dev.pillarbox.smtp.extensions;

import static dev.pillarbox.smtp.extensions.ExtensionTesting.ehloKeywords;
import static dev.pillarbox.smtp.extensions.ExtensionTesting.server;
import static dev.pillarbox.smtp.extensions.ExtensionTesting.serverWithout;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.AbstractModule;
import dev.pillarbox.smtp.core.Reply;
import dev.pillarbox.smtp.plugins.api.DataHook;
import dev.pillarbox.smtp.plugins.api.HookResult;
import dev.pillarbox.smtp.plugins.api.SessionView;
import dev.pillarbox.smtp.plugins.api.SmtpBinder;
import dev.pillarbox.smtp.testing.SmtpTestClient;
import dev.pillarbox.smtp.testing.SmtpTestServer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** CHUNKING (RFC 3030): BDAT chunks, pipelined or split, their sequence rules and size limits. */
class ChunkingExtensionTest {

    private static final String BAD_SEQUENCE = "503 5.5.1 Bad sequence of commands";

    @Test
    void advertisedWhenOnAndBdatUnknownWhenOff() {
        try (SmtpTestServer server = serverWithout()) {
            assertThat(ehloKeywords(server)).contains("CHUNKING");
        }
        try (SmtpTestServer server = serverWithout("chunking", "binarymime"); SmtpTestClient client = server.inTransaction()) {
            assertThat(ehloKeywords(server)).doesNotContain("CHUNKING");
            assertThat(client.command("BDAT 0 LAST").toString())
                    .isEqualTo("500 5.5.2 Syntax error, command unrecognized");
        }
    }

    @Test
    void chunksMakeOneMessage() {
        try (SmtpTestServer server = serverWithout(); SmtpTestClient client = server.inTransaction()) {
            assertThat(client.sendRaw("BDAT 6\r\nHello ").readReply().toString())
                    .isEqualTo("250 2.0.0 6 octets received");
            assertThat(client.sendRaw("BDAT 7\r\nworld\r\n").readReply().toString())
                    .isEqualTo("250 2.0.0 7 octets received");
            assertThat(client.sendRaw("BDAT 0 LAST\r\n").readReply().toString())
                    .isEqualTo("250 2.0.0 OK: queued as m1");
            assertThat(server.store().messages().get(0).body()).isEqualTo("Hello world\r\n");
        }
    }

    @Test
    void chunkSplitAcrossReadsAndCommandSplitToo() {
        try (SmtpTestServer server = serverWithout(); SmtpTestClient client = server.inTransaction()) {
            client.sendRaw("BD").sendRaw("AT 1").sendRaw("3 LA").sendRaw("ST\r\nline").sendRaw(" o").sendRaw("ne")
                    .sendRaw("\r\n.\r");
            client.sendRaw("\n");
            assertThat(client.readReply().toString()).isEqualTo("250 2.0.0 OK: queued as m1");
            // BDAT is raw: no dot-unstuffing, and ".\r\n" is just data
            assertThat(server.store().messages().get(0).body()).isEqualTo("line one\r\n.\r\n");
        }
    }

    @Test
    void pipelinedBurstOfBdatCommandsWithTheirData() {
        try (SmtpTestServer server = serverWithout(); SmtpTestClient client = server.afterEhlo()) {
            client.sendRaw("MAIL FROM:<a@example.org>\r\nRCPT TO:<b@example.net>\r\nBDAT 7\r\nBDAT \r\n"
                    + "BDAT 4\r\nQUITBDAT 3 LAST\r\nxyzNOOP\r\n");
            List<String> replies = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                replies.add(client.readReply().toString());
            }
            assertThat(replies).containsExactly("250 2.1.0 Sender OK", "250 2.1.5 Recipient OK",
                    "250 2.0.0 7 octets received", "250 2.0.0 4 octets received", "250 2.0.0 OK: queued as m1",
                    "250 2.0.0 OK");
            assertThat(server.store().messages().get(0).body()).isEqualTo("BDAT \r\nQUITxyz");
        }
    }

    // a chunk larger than the server's read buffer (16 KiB) is necessarily read in many pieces; every octet value
    // must come through, none taken for a command
    @Test
    void chunksLargerThanAReadArriveIntact() {
        byte[] first = octets(100_000, 7);
        byte[] last = octets(70_001, 13);
        try (SmtpTestServer server = serverWithout(); SmtpTestClient client = server.inTransaction()) {
            client.sendRaw(("BDAT " + first.length + "\r\n").getBytes(StandardCharsets.US_ASCII)).sendRaw(first);
            assertThat(client.readReply().toString()).isEqualTo("250 2.0.0 100000 octets received");
            client.sendRaw(("BDAT " + last.length + " LAST\r\n").getBytes(StandardCharsets.US_ASCII)).sendRaw(last);
            assertThat(client.readReply().toString()).isEqualTo("250 2.0.0 OK: queued as m1");
            assertThat(server.store().messages().get(0).bodyBytes()).isEqualTo(concat(first, last));
        }
    }

    // RFC 3030 4.2: a client may pipeline BDAT commands with their data; here two whole transactions in one write,
    // each chunk spanning several reads, and the replies come back in order
    @Test
    void pipelinedBurstOfLargeChunksForTwoMessages() {
        byte[] a = octets(40_000, 3);
        byte[] b = octets(25_000, 5);
        byte[] c = octets(33_333, 11);
        ByteArrayOutputStream burst = new ByteArrayOutputStream();
        burst.writeBytes(ascii("MAIL FROM:<a@example.org>\r\nRCPT TO:<b@example.net>\r\nBDAT 40000\r\n"));
        burst.writeBytes(a);
        burst.writeBytes(ascii("BDAT 25000 LAST\r\n"));
        burst.writeBytes(b);
        burst.writeBytes(ascii("MAIL FROM:<c@example.org>\r\nRCPT TO:<d@example.net>\r\nBDAT 33333 LAST\r\n"));
        burst.writeBytes(c);
        burst.writeBytes(ascii("NOOP\r\n"));
        try (SmtpTestServer server = serverWithout(); SmtpTestClient client = server.afterEhlo()) {
            client.sendRaw(burst.toByteArray());
            List<String> replies = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                replies.add(client.readReply().toString());
            }
            assertThat(replies).containsExactly("250 2.1.0 Sender OK", "250 2.1.5 Recipient OK",
                    "250 2.0.0 40000 octets received", "250 2.0.0 OK: queued as m1",
                    "250 2.1.0 Sender OK", "250 2.1.5 Recipient OK", "250 2.0.0 OK: queued as m2", "250 2.0.0 OK");
            assertThat(server.store().messages().get(0).bodyBytes()).isEqualTo(concat(a, b));
            assertThat(server.store().messages().get(1).bodyBytes()).isEqualTo(c);
        }
    }

    /** {@code count} octets cycling through all 256 values (CR, LF, '.', NUL included) from {@code start}. */
    private static byte[] octets(int count, int start) {
        byte[] bytes = new byte[count];
        for (int i = 0; i < count; i++) {
            bytes[i] = (byte) (start + i);
        }
        return bytes;
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    // RFC 3030 2: a refused BDAT's chunk is still read, so its octets are never taken for commands
    @Test
    void bdatWithoutTransactionIs503AndItsChunkIsConsumed() {
        try (SmtpTestServer server = serverWithout(); SmtpTestClient client = server.afterEhlo()) {
            assertThat(client.sendRaw("BDAT 6\r\nQUIT\r\n").readReply().toString()).isEqualTo(BAD_SEQUENCE);
            assertThat(client.command("NOOP").toString()).isEqualTo("250 2.0.0 OK");
            client.command("MAIL FROM:<a@example.org>");
            assertThat(client.sendRaw("BDAT 6 LAST\r\nQUIT\r\n").readReply().toString()).isEqualTo(BAD_SEQUENCE);
            // the transaction is intact: a recipient, then a message
            assertThat(client.command("RCPT TO:<b@example.net>").toString()).isEqualTo("250 2.1.5 Recipient OK");
            assertThat(client.sendRaw("BDAT 2 LAST\r\nok").readReply().toString())
                    .isEqualTo("250 2.0.0 OK: queued as m1");
            assertThat(server.store().log()).containsExactly("open(<a@example.org>, 1 rcpt)", "commit m1");
        }
    }

    @Test
    void dataAfterBdatIs503AndBdatAfterDataFindsNoTransaction() {
        try (SmtpTestServer server = serverWithout(); SmtpTestClient client = server.inTransaction()) {
            client.sendRaw("BDAT 3\r\nabc").readReply();
            assertThat(client.command("DATA").toString())
                    .isEqualTo("503 5.5.1 Bad sequence of commands: DATA cannot follow BDAT in a transaction");
            assertThat(client.sendRaw("BDAT 3 LAST\r\ndef").readReply().toString())
                    .isEqualTo("250 2.0.0 OK: queued as m1");
            client.command("MAIL FROM:<a@example.org>");
            client.command("RCPT TO:<b@example.net>");
            assertThat(client.data("by data\r\n").toString()).isEqualTo("250 2.0.0 OK: queued as m2");
            assertThat(client.sendRaw("BDAT 3 LAST\r\nghi").readReply().toString()).isEqualTo(BAD_SEQUENCE);
            assertThat(server.store().messages()).extracting(m -> m.body()).containsExactly("abcdef", "by data\r\n");
        }
    }

    @Test
    void messageOverTheLimitAcrossChunksIs552AndEndsTheTransaction() {
        try (SmtpTestServer server = server(s -> s.maxMessageSize(10)); SmtpTestClient client = server.inTransaction()) {
            assertThat(client.sendRaw("BDAT 6\r\n123456").readReply().toString()).isEqualTo("250 2.0.0 6 octets received");
            assertThat(client.sendRaw("BDAT 6\r\n789012").readReply().toString())
                    .isEqualTo("552 5.3.4 Message size exceeds fixed maximum message size");
            // the pipelined rest of the message finds no transaction, and its octets are still consumed
            assertThat(client.sendRaw("BDAT 4 LAST\r\nNOOP").readReply().toString()).isEqualTo(BAD_SEQUENCE);
            assertThat(client.command("NOOP").toString()).isEqualTo("250 2.0.0 OK");
            assertThat(server.store().messages()).isEmpty();
            assertThat(server.store().log()).containsExactly("open(<sender@example.org>, 1 rcpt)", "abort");
        }
    }

    @Test
    void rsetDiscardsTheChunksReceived() {
        try (SmtpTestServer server = serverWithout(); SmtpTestClient client = server.inTransaction()) {
            client.sendRaw("BDAT 3\r\nabc").readReply();
            assertThat(client.command("RSET").toString()).isEqualTo("250 2.0.0 OK");
            assertThat(client.sendRaw("BDAT 3 LAST\r\nxyz").readReply().toString()).isEqualTo(BAD_SEQUENCE);
            client.command("MAIL FROM:<a@example.org>");
            client.command("RCPT TO:<b@example.net>");
            assertThat(client.sendRaw("BDAT 3 LAST\r\ndef").readReply().toString())
                    .isEqualTo("250 2.0.0 OK: queued as m1");
            assertThat(server.store().messages().get(0).body()).isEqualTo("def");
            assertThat(server.store().log()).contains("abort");
        }
    }

    @Test
    void zeroLastChunkAloneIsAnEmptyMessage() {
        try (SmtpTestServer server = serverWithout(); SmtpTestClient client = server.inTransaction()) {
            assertThat(client.command("BDAT 0 LAST").toString()).isEqualTo("250 2.0.0 OK: queued as m1");
            assertThat(server.store().messages().get(0).body()).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"BDAT", "BDAT x", "BDAT 5 FIRST", "BDAT -1", "BDAT 5 LAST more", "BDAT  5",
            "BDAT 1234567890123456789"})
    void badArgumentIs501(String command) {
        try (SmtpTestServer server = serverWithout(); SmtpTestClient client = server.inTransaction()) {
            assertThat(client.command(command).toString())
                    .isEqualTo("501 5.5.4 Syntax error: BDAT needs a chunk size and optionally LAST");
        }
    }

    @Test
    void dataHookRefusalOfTheFirstChunkIsAnsweredAfterItsOctets() {
        DataHook refuse = new DataHook() {
            @Override
            public int order() {
                return 0;
            }

            @Override
            public HookResult onData(SessionView session) {
                return HookResult.reject(Reply.of(554, "5.7.1", "No messages today"));
            }
        };
        try (SmtpTestServer server = SmtpTestServer.builder().enhancedStatusCodes(false)
                .settings(s -> s.discoverPlugins(true)).modules(new AbstractModule() {
                    @Override
                    protected void configure() {
                        SmtpBinder.hook(binder(), DataHook.class).toInstance(refuse);
                    }
                }).start();
             SmtpTestClient client = server.inTransaction()) {
            assertThat(client.sendRaw("BDAT 6 LAST\r\nQUIT\r\n").readReply().toString())
                    .isEqualTo("554 5.7.1 No messages today");
            assertThat(client.command("NOOP").toString()).isEqualTo("250 2.0.0 OK");
            assertThat(client.command("MAIL FROM:<a@example.org>").toString()).isEqualTo("250 2.1.0 Sender OK");
            assertThat(server.store().log()).isEmpty();
        }
    }
}
