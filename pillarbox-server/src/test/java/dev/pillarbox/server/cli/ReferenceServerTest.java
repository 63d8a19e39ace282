package dev.pillarbox.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.pillarbox.smtp.plugins.api.HookResult;
import dev.pillarbox.smtp.plugins.api.Message;
import dev.pillarbox.smtp.plugins.api.MessageHook;
import dev.pillarbox.smtp.plugins.api.SessionView;
import dev.pillarbox.smtp.plugins.api.SmtpBinder;
import dev.pillarbox.server.config.ConfigException;
import dev.pillarbox.server.config.ConfigLoader;
import dev.pillarbox.server.config.ConfigOverride;
import dev.pillarbox.server.config.ReferenceConfig;
import dev.pillarbox.server.maildir.TransactionLog;
import dev.pillarbox.smtp.testing.SmtpTestClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The reference server end to end: a real socket on 127.0.0.1, a real Maildir in a temporary directory. */
class ReferenceServerTest {

    @TempDir
    Path dir;

    private final List<ReferenceServer> servers = new ArrayList<>();
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private Logger transactionLogger;

    @BeforeEach
    void captureTransactionLog() {
        transactionLogger = (Logger) LoggerFactory.getLogger(TransactionLog.class);
        transactionLogger.setLevel(Level.INFO);
        log.start();
        transactionLogger.addAppender(log);
    }

    @AfterEach
    void stop() {
        transactionLogger.detachAppender(log);
        transactionLogger.setLevel(null);
        servers.forEach(ReferenceServer::close);
    }

    private ReferenceConfig config(String yaml) throws Exception {
        Path file = Files.writeString(dir.resolve("pillarbox-" + servers.size() + ".yaml"), yaml);
        return ConfigLoader.load(Optional.of(file), Map.of(), List.of(
                new ConfigOverride("listeners", List.of("127.0.0.1:0"), "--listen"),
                new ConfigOverride("hostname", "mx.test", "--hostname")), "default.test");
    }

    private InetSocketAddress start(String yaml) throws Exception {
        ReferenceServer server = ReferenceServer.start(config(yaml));
        servers.add(server);
        return server.boundAddresses().get(0);
    }

    private static List<Path> list(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.sorted().toList();
        }
    }

    @Test
    void messageIsInNewWithItsExactBytesByTheTime250Arrives() throws Exception {
        Path maildir = dir.resolve("mail");
        InetSocketAddress address = start("maildir: " + maildir + "\n");
        String body = "Subject: durable\r\n\r\nline one\r\n.leading dot\r\n";
        try (SmtpTestClient client = SmtpTestClient.inTransaction(address)) {
            String reply = client.data(body).toString();

            // checked before anything else happens: the 250 means the file is already in new/
            List<Path> delivered = list(maildir.resolve("new"));
            assertThat(delivered).hasSize(1);
            String id = delivered.get(0).getFileName().toString();
            assertThat(reply).isEqualTo("250 2.0.0 OK: queued as " + id);
            String content = Files.readString(delivered.get(0), StandardCharsets.US_ASCII);
            assertThat(content).startsWith("Received: from client.example").endsWith("\r\n" + body);
            assertThat(list(maildir.resolve("tmp"))).isEmpty();
        }
    }

    @Test
    void messageIsInTmpWhileHooksRunAndInNewOnlyAfterTheCommit() throws Exception {
        Path maildir = dir.resolve("mail");
        List<String> seenByHook = new ArrayList<>();
        MessageHook observer = new MessageHook() {
            @Override
            public int order() {
                return Integer.MAX_VALUE;
            }

            @Override
            public HookResult onMessage(SessionView session, Message message) throws IOException {
                seenByHook.add("tmp=" + list(maildir.resolve("tmp")).size() + " new="
                        + list(maildir.resolve("new")).size());
                return HookResult.next();
            }
        };
        ReferenceServer server = ReferenceServer.start(config("maildir: " + maildir + "\n"),
                List.of(binder -> SmtpBinder.hook(binder, MessageHook.class).toInstance(observer)));
        servers.add(server);
        try (SmtpTestClient client = SmtpTestClient.inTransaction(server.boundAddresses().get(0))) {
            assertThat(client.data("Subject: steps\r\n\r\nhi\r\n").toString()).startsWith("250 2.0.0 OK");
            assertThat(seenByHook).containsExactly("tmp=1 new=0");
            assertThat(list(maildir.resolve("tmp"))).isEmpty();
            assertThat(list(maildir.resolve("new"))).hasSize(1);
        }
    }

    @Test
    void startUpLogsListenersMaildirPluginsAndTheEffectiveConfiguration() throws Exception {
        Logger startLogger = (Logger) LoggerFactory.getLogger(ReferenceServer.class);
        ListAppender<ILoggingEvent> startLog = new ListAppender<>();
        startLog.start();
        startLogger.setLevel(Level.INFO);
        startLogger.addAppender(startLog);
        Path maildir = dir.resolve("mail");
        try {
            ReferenceConfig config = config("maildir: " + maildir + "\naccepted-domains: [example.net]\n"
                    + "plugins:\n  disabled: [size]\n");
            ReferenceServer server = ReferenceServer.start(config);
            servers.add(server);
            List<String> lines = startLog.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
            assertThat(lines).hasSize(2);
            assertThat(lines.get(0)).startsWith("Pillarbox reference server ")
                    .contains(" ready: listening on smtp 127.0.0.1:" + server.boundAddresses().get(0).getPort() + ";")
                    .contains("; delivery: [maildir] (Maildir " + maildir.toAbsolutePath() + ");")
                    .contains("example.net")
                    .contains("; plugins: ").contains("enhancedstatuscodes").doesNotContain("size");
            assertThat(lines.get(1)).isEqualTo("effective configuration:\n" + config.describe());
            assertThat(config.describe()).contains("accepted-domains: example.net").contains("disabled=[size]");
        } finally {
            startLogger.detachAppender(startLog);
            startLogger.setLevel(null);
        }
    }

    @Test
    void oneLogLinePerTransaction() throws Exception {
        InetSocketAddress address = start("maildir: " + dir.resolve("mail") + "\n");
        try (SmtpTestClient client = SmtpTestClient.inTransaction(address)) {
            client.data("Subject: logged\r\n\r\nhi\r\n");
            client.command("QUIT");
        }
        assertThat(log.list).hasSize(1);
        assertThat(log.list.get(0).getFormattedMessage()).matches("client=127\\.0\\.0\\.1:[0-9]+ "
                + "helo=client\\.example from=<sender@example\\.org> rcpt=<rcpt@example\\.net> size=[0-9]+ "
                + "id=[0-9]+\\.M[0-9]+P[0-9]+Q[0-9]+\\.mx\\.test result=stored duration=[0-9]+ms");
    }

    @Test
    void aMessageAHookChangedIsStillOneLogLine() throws Exception {
        // the hook's change makes the server store the message through a second writer and drop the first
        InetSocketAddress address = start("maildir: " + dir.resolve("mail") + "\n"
                + "plugins:\n  enabled: [" + dev.pillarbox.server.reliability.RewritePlugin.NAME + "]\n");
        try (SmtpTestClient client = SmtpTestClient.inTransaction(address)) {
            assertThat(client.data("Subject: changed\r\n\r\nhi\r\n").toString()).startsWith("250 ");
            client.command("QUIT");
        }
        assertThat(log.list).extracting(ILoggingEvent::getFormattedMessage).singleElement().asString()
                .contains(" rcpt=<rcpt@example.net> ").contains(" result=stored ");
    }

    @Test
    void unwritableMaildirAnswers451AndTheServerStaysUp() throws Exception {
        Path maildir = dir.resolve("mail");
        InetSocketAddress address = start("maildir: " + maildir + "\n");
        // root ignores permissions: make tmp/ a regular file so that creating the message fails for anyone
        Files.delete(maildir.resolve("tmp"));
        Files.writeString(maildir.resolve("tmp"), "not a directory");
        try (SmtpTestClient client = SmtpTestClient.inTransaction(address)) {
            // the server opens the message in the store before it answers DATA, so DATA itself gets the 451
            assertThat(client.command("DATA").toString())
                    .isEqualTo("451 4.3.0 Requested action aborted: local error in processing");
            assertThat(client.command("NOOP").toString()).startsWith("250 ");
        }
        try (SmtpTestClient again = SmtpTestClient.afterEhlo(address)) {
            assertThat(again.command("QUIT").toString()).startsWith("221 ");
        }
        assertThat(log.list).extracting(ILoggingEvent::getFormattedMessage).singleElement().asString()
                .contains(" result=failed (java.nio.file.");
    }

    @Test
    void failedCommitAnswers451AndLeavesNothingBehind() throws Exception {
        Path maildir = dir.resolve("mail");
        InetSocketAddress address = start("maildir: " + maildir + "\n");
        Files.delete(maildir.resolve("new"));
        Files.writeString(maildir.resolve("new"), "not a directory");
        try (SmtpTestClient client = SmtpTestClient.inTransaction(address)) {
            assertThat(client.data("Subject: lost\r\n\r\nhi\r\n").toString())
                    .isEqualTo("451 4.3.0 Requested action aborted: local error in processing");
        }
        assertThat(list(maildir.resolve("tmp"))).isEmpty();
    }

    @Test
    void recipientsOutsideTheAcceptedDomainsAreRelayDenied() throws Exception {
        InetSocketAddress address = start("maildir: " + dir.resolve("mail") + "\naccepted-domains: [Example.NET]\n");
        try (SmtpTestClient client = SmtpTestClient.afterEhlo(address)) {
            client.command("MAIL FROM:<a@elsewhere.example>");
            assertThat(client.command("RCPT TO:<someone@other.example>").toString())
                    .isEqualTo("550 5.7.1 Relay access denied");
            assertThat(client.command("RCPT TO:<x@[192.0.2.1]>").toString())
                    .isEqualTo("550 5.1.2 Address literals are not accepted here, use a domain");
            assertThat(client.command("RCPT TO:<someone@EXAMPLE.net>").toString()).startsWith("250 ");
            assertThat(client.command("RCPT TO:<Postmaster>").toString()).startsWith("250 ");
        }
    }

    @Test
    void loopbackCatcherWithoutDomainsAcceptsAnyRecipient() throws Exception {
        InetSocketAddress address = start("maildir: " + dir.resolve("mail") + "\n");
        try (SmtpTestClient client = SmtpTestClient.afterEhlo(address)) {
            client.command("MAIL FROM:<a@elsewhere.example>");
            assertThat(client.command("RCPT TO:<anyone@anywhere.example>").toString()).startsWith("250 ");
        }
    }

    @Test
    void openCatcherOnAPublicAddressIsRefusedBeforeAnythingIsBound() throws Exception {
        ReferenceConfig config = ConfigLoader.load(Optional.empty(), Map.of("PILLARBOX_LISTENERS", "0.0.0.0:0",
                "PILLARBOX_MAILDIR", dir.resolve("never").toString()), List.of(), "h");
        assertThatThrownBy(() -> ReferenceServer.start(config)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("refusing to start: listener smtp on 0.0.0.0:0 is not a loopback address");
        assertThat(dir.resolve("never")).doesNotExist();
    }

    @Test
    void discardStoreAcceptsAndKeepsNothing() throws Exception {
        InetSocketAddress address = start("store: discard\nmaildir: " + dir.resolve("mail") + "\n");
        try (SmtpTestClient client = SmtpTestClient.inTransaction(address)) {
            assertThat(client.data("Subject: gone\r\n\r\nhi\r\n").toString())
                    .isEqualTo("250 2.0.0 OK: queued as discarded-1");
        }
        assertThat(dir.resolve("mail")).doesNotExist();
    }
}
