package dev.pillarbox.smtp.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import dev.pillarbox.smtp.milter.ConnectInfo;
import dev.pillarbox.smtp.milter.Decision;
import dev.pillarbox.smtp.milter.EndOfMessage;
import dev.pillarbox.smtp.milter.FilterConfig;
import dev.pillarbox.smtp.milter.MacroLookup;
import dev.pillarbox.smtp.milter.MessageContent;
import dev.pillarbox.smtp.milter.MilterClient;
import dev.pillarbox.smtp.milter.MilterSession;
import dev.pillarbox.smtp.milter.MilterSocket;
import dev.pillarbox.smtp.milter.testing.PyMilter;
import dev.pillarbox.smtp.milter.testing.Rspamd;

/**
 * The cost per message of the milter client with a real filter on loopback, library alone (no SMTP server):
 * connect, HELO, MAIL, RCPT, DATA, 8 header fields, a 1.5 KB body, end of message, as Postfix drives a filter.
 * Filters: the pymilter test milter in no-op mode (takes every event, replies continue to each) and a private
 * rspamd (proxy worker in milter mode, self-scan; asks for no replies but at end of message).
 *
 * <ul>
 *   <li>{@code sessionPerMessage}: a new filter session (socket, negotiation) for each message, as for an SMTP
 *       session that sends one message;</li>
 *   <li>{@code messageInOpenSession}: messages one after another in one open filter session (per thread).</li>
 * </ul>
 * Needs Debian's python3-milter and rspamd (bin/test-packages).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
public class MilterBenchmark {

    static final MessageContent MESSAGE = MessageContent.parse(("Received: from client.example (client.example "
            + "[192.0.2.10])\r\n\tby mx.pillarbox.test with ESMTP id 4ABC123\r\n\tfor <bob@example.net>\r\n"
            + "From: Alice <alice@example.org>\r\n"
            + "To: Bob <bob@example.net>\r\n"
            + "Subject: Quarterly figures\r\n"
            + "Date: Mon, 07 Dec 2026 10:00:00 +0000\r\n"
            + "Message-ID: <bench-1@example.org>\r\n"
            + "MIME-Version: 1.0\r\n"
            + "Content-Type: text/plain; charset=us-ascii\r\n"
            + "\r\n"
            + "Hello Bob, here are the figures we talked about on the phone this morning.\r\n".repeat(20))
            .getBytes(StandardCharsets.US_ASCII));

    static final MacroLookup MACROS = MacroLookup.of(Map.of("j", "mx.pillarbox.test", "{daemon_name}", "pillarbox",
            "i", "4ABC123", "{mail_addr}", "alice@example.org", "{rcpt_addr}", "bob@example.net"));

    @Param({"pymilter-noop", "rspamd"})
    public String filter;

    Path dir;
    MilterClient client;
    AutoCloseable process;
    FilterConfig config;

    @Setup(Level.Trial)
    public void start() throws Exception {
        dir = Files.createTempDirectory("milter-bench");
        client = new MilterClient();
        MilterSocket socket;
        if (filter.equals("rspamd")) {
            Rspamd rspamd = Rspamd.start(dir, client);
            process = rspamd;
            socket = rspamd.socket();
        } else {
            PyMilter milter = PyMilter.onTcp(dir, "noop", Map.of());
            process = milter;
            socket = milter.socket();
        }
        config = FilterConfig.builder(socket).build();
    }

    @TearDown(Level.Trial)
    public void stop() throws Exception {
        try {
            process.close();
            client.close();
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** An open filter session per benchmark thread. */
    @State(Scope.Thread)
    public static class OpenSession {
        MilterSession session;

        @Setup(Level.Trial)
        public void open(MilterBenchmark bench) {
            session = bench.client.open(bench.config, MACROS);
            check(session.connect(ConnectInfo.of(new InetSocketAddress("192.0.2.10", 40000), "client.example")));
            check(session.helo("client.example"));
        }

        @TearDown(Level.Trial)
        public void close() {
            session.close();
        }
    }

    @Benchmark
    public EndOfMessage sessionPerMessage() throws IOException {
        try (MilterSession s = client.open(config, MACROS)) {
            check(s.connect(ConnectInfo.of(new InetSocketAddress("192.0.2.10", 40000), "client.example")));
            check(s.helo("client.example"));
            return message(s);
        }
    }

    @Benchmark
    public EndOfMessage messageInOpenSession(OpenSession open) throws IOException {
        return message(open.session);
    }

    private static EndOfMessage message(MilterSession s) throws IOException {
        check(s.mail("<alice@example.org>", List.of("SIZE=2000")));
        check(s.rcpt("<bob@example.net>", List.of()));
        check(s.data());
        EndOfMessage eom = s.message(MESSAGE);
        check(eom.decision());
        return eom;
    }

    /** A benchmark that silently measured failures would be worthless: any refusal or failure stops it. */
    private static void check(Decision d) {
        if (!d.proceeds() || d instanceof Decision.Failed) {
            throw new UncheckedIOException(new IOException("filter answered " + d));
        }
    }
}
