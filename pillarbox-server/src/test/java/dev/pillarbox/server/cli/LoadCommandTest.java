package dev.pillarbox.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pillarbox.smtp.plugins.api.PluginSettings;
import dev.pillarbox.smtp.plugins.api.Protocol;
import dev.pillarbox.smtp.server.ListenerSettings;
import dev.pillarbox.smtp.testing.EngineProcess;
import dev.pillarbox.smtp.testing.SmtpSink;
import dev.pillarbox.smtp.testing.SmtpTestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code pillarbox load} over real sockets, bounded (at most a few hundred small messages, a time limit where a run
 * could drag): against Postfix's smtp-sink (pipelined and reused, refusing with 4xx and 5xx, hanging up) and
 * Pillarbox's own server (a connection per message, LMTP), the progress line on standard error when asked, and the
 * exit status and message for a server that is not there and for bad input.
 */
class LoadCommandTest {

    @TempDir
    Path dir;

    @Test
    void drivesSmtpSinkPipelinedOverReusedConnections() throws Exception {
        try (SmtpSink sink = SmtpSink.start(dir)) {
            CommandRun run = CommandRun.run("load", "--server", sink.server(), "--sessions", "4", "--messages", "400",
                    "--size", "512", "--reuse", "--pipelining", "--time-limit", "60");
            assertThat(run.status()).as(run.toString()).isZero();
            List<String> lines = run.out().lines().toList();
            assertThat(lines.get(0)).isEqualTo("4 sessions, 400 messages of 512 octets to " + sink.server()
                    + " (SMTP, connections reused, pipelining)");
            assertThat(lines.get(1)).startsWith("400 messages in ").contains(" msg/s; 400 accepted, 0 failed; 4 "
                    + "connections");
            assertThat(run.out()).containsPattern("latency per message: p50 [0-9.]+ ms, p90 [0-9.]+ ms, p99 [0-9.]+ ms,"
                    + " max [0-9.]+ ms").contains("errors: none");
            assertThat(run.err()).as("no progress line: not a terminal").isEmpty();
        }
    }

    static Stream<Arguments> refusals() {
        return Stream.of(Arguments.of(List.of("-f", "RCPT"), "errors: 500 x 30"),
                Arguments.of(List.of("-r", "MAIL"), "errors: 450 x 30"),
                Arguments.of(List.of("-q", "DATA"), "errors: SmtpConnectionClosedException x 30"));
    }

    @ParameterizedTest(name = "smtp-sink {0}: {1}")
    @MethodSource("refusals")
    void failedMessagesAreCountedByReplyCodeOrByWhatEndedTheConnection(List<String> options, String errors)
            throws Exception {
        try (SmtpSink sink = SmtpSink.start(dir, options.toArray(new String[0]))) {
            CommandRun run = CommandRun.run("load", "--server", sink.server(), "--sessions", "3", "--messages", "30",
                    "--time-limit", "60");
            assertThat(run.status()).as(run.toString()).isEqualTo(LoadCommand.SOME_FAILED);
            assertThat(run.out()).contains("30 messages in ", "0 accepted, 30 failed", errors + "\n");
        }
    }

    @Test
    void aConnectionPerMessageToPillarboxDeliversEachMessage() throws Exception {
        try (SmtpTestServer server = SmtpTestServer.start()) {
            String address = "127.0.0.1:" + server.address().getPort();
            CommandRun run = CommandRun.run("load", "--server", address, "--sessions", "3", "--messages", "60",
                    "--size", "2000", "--from", "a@example.org", "--to", "b@example.net", "--time-limit", "60");
            assertThat(run.status()).as(run.toString()).isZero();
            assertThat(run.out()).startsWith("3 sessions, 60 messages of 2,000 octets to " + address
                    + " (SMTP, a connection per message, no pipelining)\n")
                    .contains("60 accepted, 0 failed; 60 connections");
            assertThat(server.store().awaitMessages(60, Duration.ofSeconds(30))).hasSize(60)
                    .allSatisfy(m -> assertThat(m.envelope().recipients()).extracting(Object::toString)
                            .containsExactly("<b@example.net>"));
        }
    }

    @Test
    void lmtpToPillarboxsLmtpListener() throws Exception {
        try (SmtpTestServer server = SmtpTestServer.builder().settings(s -> s.discoverPlugins(true)
                .plugin(PluginSettings.empty("lmtp"))
                .listeners(List.of(ListenerSettings.loopback().withName("lmtp").withProtocol(Protocol.LMTP))))
                .start()) {
            String address = "127.0.0.1:" + server.address().getPort();
            CommandRun run = CommandRun.run("load", "--server", address, "--lmtp", "--sessions", "2", "--messages",
                    "20", "--recipients", "3", "--reuse", "--pipelining", "--time-limit", "60");
            assertThat(run.status()).as(run.toString()).isZero();
            assertThat(run.out()).contains("(LMTP, connections reused, pipelining)", "20 accepted, 0 failed");
            assertThat(server.store().awaitMessages(20, Duration.ofSeconds(30)).get(0).envelope().recipients())
                    .hasSize(3);
        }
    }

    @Test
    void theProgressLineGoesToStandardErrorOnATerminalOrWhenAsked() throws Exception {
        try (SmtpSink sink = SmtpSink.start(dir)) {
            String[] args = {"load", "--server", sink.server(), "--messages", "50", "--reuse"};
            CommandRun asked = CommandRun.run(concat(args, "--progress"));
            CommandRun terminal = CommandRun.run(new byte[0], true, args);
            CommandRun refused = CommandRun.run(new byte[0], true, concat(args, "--no-progress"));
            for (CommandRun run : List.of(asked, terminal)) {
                assertThat(run.status()).as(run.toString()).isZero();
                assertThat(run.err()).as(run.toString()).startsWith("\r")
                        .contains("50/50 messages, 0 failed, ").endsWith("\033[K\n");
            }
            assertThat(refused.status()).isZero();
            assertThat(refused.err()).isEmpty();
        }
    }

    private static String[] concat(String[] args, String more) {
        return Stream.concat(Stream.of(args), Stream.of(more)).toArray(String[]::new);
    }

    @Test
    void aServerThatIsNotThereIsReportedOnceWithExitOne() throws Exception {
        int port = EngineProcess.freePort();
        CommandRun run = CommandRun.run("load", "--server", "127.0.0.1:" + port, "--messages", "1000");
        assertThat(run.status()).isEqualTo(Main.FAILURE);
        assertThat(run.err()).isEqualTo("pillarbox load: could not connect to 127.0.0.1:" + port
                + ": Connection refused\n");
        assertThat(run.out()).isEmpty();
    }

    static Stream<Arguments> usageErrors() {
        return Stream.of(
                Arguments.of(List.of("--sessions", "0"), "pillarbox load: sessions must be at least 1, not 0"),
                Arguments.of(List.of("--messages", "0"), "pillarbox load: messages must be at least 1, not 0"),
                Arguments.of(List.of("--size", "-1"), "pillarbox load: "),
                Arguments.of(List.of("--time-limit", "0"), "pillarbox load: --time-limit must be at least 1 second"),
                Arguments.of(List.of("--sessions", "many"), "Invalid value for option '--sessions': 'many' is not an int"),
                Arguments.of(List.of("--tls", "--tls-optional"),
                        "pillarbox load: --tls and --tls-optional exclude each other"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("usageErrors")
    void badInputIsAUsageError(List<String> args, String message) {
        String[] all = Stream.concat(Stream.of("load", "--server", "127.0.0.1:25"), args.stream())
                .toArray(String[]::new);
        CommandRun run = CommandRun.run(all);
        assertThat(run.status()).as(run.toString()).isEqualTo(Main.USAGE_ERROR);
        assertThat(run.err()).contains(message);
    }
}
